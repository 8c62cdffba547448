package org.jwtauth.users;

import java.lang.ref.SoftReference;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jwtauth.common.config.AuthConfig;
import org.jwtauth.common.error.AuthException;

import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.Dictionary;
import me.gosimple.nbvcxz.resources.DictionaryUtil;
import me.gosimple.nbvcxz.scoring.Result;

/**
 * NIST SP 800-63B password rules (SPEC §6): length bounds, not a known common or breached
 * password (nbvcxz's list of 100,000), not built on the username, not trivially guessable.
 */
@ApplicationScoped
public class PasswordPolicy {

    private final AuthConfig config;
    // nbvcxz builds its dictionaries in about a second of CPU and holds some 35 MB of heap with them:
    // loaded on the first password check, not on the start path, and softly held, so a service that
    // has not checked a password for a while gives the heap back (SerialGC clears a soft reference
    // about a second per free MiB after its last use) and the next check builds them again.
    private volatile SoftReference<Dictionaries> dictionaries = new SoftReference<>(null);

    public PasswordPolicy(AuthConfig config) {
        this.config = config;
    }

    private Dictionaries dictionaries() {
        Dictionaries loaded = dictionaries.get();
        if (loaded == null) {
            synchronized (this) {
                loaded = dictionaries.get();
                if (loaded == null) {
                    loaded = Dictionaries.load();
                    dictionaries = new SoftReference<>(loaded);
                }
            }
        }
        return loaded;
    }

    /** The estimator and its list of common passwords, which the list check reuses rather than loading it twice. */
    private record Dictionaries(Map<String, Integer> commonPasswords, Nbvcxz estimator) {
        static Dictionaries load() {
            Nbvcxz estimator = new Nbvcxz();
            Map<String, Integer> common = estimator.getConfiguration().getDictionaries().stream()
                    .filter(d -> "passwords".equals(d.getDictionaryName()))
                    .findFirst().map(Dictionary::getDictonary)
                    .orElseGet(() -> DictionaryUtil.loadRankedDictionary(DictionaryUtil.passwords));
            return new Dictionaries(common, estimator);
        }
    }

    /** Throws {@code AuthException.weakPassword} naming the first rule the password breaks. */
    public void check(String password, String username) {
        int length = password.codePointCount(0, password.length());
        if (length < config.password().minLength()) {
            throw AuthException.weakPassword("The password must have at least " + config.password().minLength() + " characters.");
        }
        if (length > config.password().maxLength()) {
            throw AuthException.weakPassword("The password must have at most " + config.password().maxLength() + " characters.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null && !username.isEmpty() && lower.contains(username.toLowerCase(Locale.ROOT))) {
            throw AuthException.weakPassword("The password must not contain the username.");
        }
        Dictionaries loaded = dictionaries();
        if (loaded.commonPasswords().containsKey(lower)) {
            throw AuthException.weakPassword("The password is on a list of common or breached passwords.");
        }
        Result result = loaded.estimator().estimate(password);
        if (!result.isMinimumEntropyMet()) {
            throw AuthException.weakPassword("The password is too easy to guess (repeated, sequential or common words).");
        }
    }
}
