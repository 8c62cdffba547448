package org.jwtauth.users;

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
    // nbvcxz builds its dictionaries in about a second of CPU, on the first password check rather than on
    // the start path. Its ConfigurationBuilder loads every default dictionary in its static initializer and
    // keeps them for the life of the process (about 25 MB of heap, measured after a full collection): no
    // reference of ours can give that heap back (README "Memory settings").
    private volatile Dictionaries dictionaries;

    public PasswordPolicy(AuthConfig config) {
        this.config = config;
    }

    private Dictionaries dictionaries() {
        Dictionaries loaded = dictionaries;
        if (loaded == null) {
            synchronized (this) {
                loaded = dictionaries;
                if (loaded == null) {
                    loaded = Dictionaries.load();
                    dictionaries = loaded;
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
