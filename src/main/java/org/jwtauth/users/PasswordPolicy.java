package org.jwtauth.users;

import java.lang.ref.SoftReference;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jwtauth.common.config.AuthConfig;
import org.jwtauth.common.error.AuthException;

import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.Dictionary;
import me.gosimple.nbvcxz.scoring.Result;

/**
 * NIST SP 800-63B password rules (SPEC §6): length bounds, not a known common or breached
 * password (nbvcxz's list of 100,000), not built on the username, not trivially guessable.
 */
@ApplicationScoped
public class PasswordPolicy {

    private final AuthConfig config;
    // nbvcxz's dictionaries take about 25 MiB of heap and a second of CPU to load, and only password checks
    // (registration, a new or changed password) read them. Held softly: they stay while such checks keep
    // coming and go back to the heap when it runs short, to be loaded again by the next check.
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
            Nbvcxz estimator = PasswordEstimator.create();
            Map<String, Integer> common = estimator.getConfiguration().getDictionaries().stream()
                    .filter(d -> PasswordEstimator.COMMON_PASSWORDS.equals(d.getDictionaryName()))
                    .findFirst().map(Dictionary::getDictonary).orElseThrow();
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
