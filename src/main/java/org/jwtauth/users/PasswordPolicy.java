package org.jwtauth.users;

import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jwtauth.common.config.AuthConfig;
import org.jwtauth.common.error.AuthException;

import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.DictionaryUtil;
import me.gosimple.nbvcxz.scoring.Result;

/**
 * NIST SP 800-63B password rules (SPEC §6): length bounds, not a known common or breached
 * password (nbvcxz's list of 100,000), not built on the username, not trivially guessable.
 */
@ApplicationScoped
public class PasswordPolicy {

    private final AuthConfig config;
    private final Map<String, Integer> commonPasswords = DictionaryUtil.loadRankedDictionary(DictionaryUtil.passwords);
    private final Nbvcxz estimator = new Nbvcxz();

    public PasswordPolicy(AuthConfig config) {
        this.config = config;
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
        if (commonPasswords.containsKey(lower)) {
            throw AuthException.weakPassword("The password is on a list of common or breached passwords.");
        }
        Result result = estimator.estimate(password);
        if (!result.isMinimumEntropyMet()) {
            throw AuthException.weakPassword("The password is too easy to guess (repeated, sequential or common words).");
        }
    }
}
