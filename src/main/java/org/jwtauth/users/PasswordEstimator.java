package org.jwtauth.users;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.matching.DateMatcher;
import me.gosimple.nbvcxz.matching.DictionaryMatcher;
import me.gosimple.nbvcxz.matching.RepeatMatcher;
import me.gosimple.nbvcxz.matching.SeparatorMatcher;
import me.gosimple.nbvcxz.matching.SequenceMatcher;
import me.gosimple.nbvcxz.matching.SpacialMatcher;
import me.gosimple.nbvcxz.matching.YearMatcher;
import me.gosimple.nbvcxz.resources.AdjacencyGraph;
import me.gosimple.nbvcxz.resources.AdjacencyGraphUtil;
import me.gosimple.nbvcxz.resources.Configuration;
import me.gosimple.nbvcxz.resources.Dictionary;
import me.gosimple.nbvcxz.resources.DictionaryUtil;

/**
 * nbvcxz's estimator with the settings its {@code ConfigurationBuilder} defaults to (1.5.1), built without
 * touching that class: its static initializer loads every default dictionary into a static list that lives as
 * long as the process (about 25 MiB of heap). Built here, the dictionaries belong to the estimator, so the
 * heap comes back once the estimator is dropped. {@code PasswordEstimatorTest} holds the two set-ups equal.
 */
final class PasswordEstimator {

    static final String COMMON_PASSWORDS = "passwords";
    static final double MINIMUM_ENTROPY = 35.0;
    private static final int MAX_LENGTH = 256;
    private static final long COMBINATION_TIMEOUT_MILLIS = 500;
    private static final Pattern YEARS = Pattern.compile("19\\d\\d|200\\d|201\\d|202\\d");

    private PasswordEstimator() {
    }

    /** Loads the dictionaries (about a second of CPU) and returns an estimator that owns them. */
    static Nbvcxz create() {
        // mutable copies, as the builder hands over: nbvcxz may look up a null key, which List.of and Map.of refuse
        List<Dictionary> dictionaries = new ArrayList<>(List.of(
                ranked(COMMON_PASSWORDS, DictionaryUtil.passwords),
                ranked("male_names", DictionaryUtil.male_names),
                ranked("female_names", DictionaryUtil.female_names),
                ranked("surnames", DictionaryUtil.surnames),
                ranked("english", DictionaryUtil.english),
                new Dictionary("eff_large", DictionaryUtil.loadUnrankedDictionary(DictionaryUtil.eff_large), false)));
        List<AdjacencyGraph> keyboards = new ArrayList<>(List.of(
                new AdjacencyGraph("Qwerty", AdjacencyGraphUtil.qwerty),
                new AdjacencyGraph("Standard Keypad", AdjacencyGraphUtil.standardKeypad),
                new AdjacencyGraph("Mac Keypad", AdjacencyGraphUtil.macKeypad)));
        // guess rates only feed nbvcxz's time-to-crack wording, which the policy never reads
        Configuration configuration = new Configuration(
                new ArrayList<>(List.of(new DateMatcher(), new YearMatcher(), new RepeatMatcher(), new SequenceMatcher(),
                        new SpacialMatcher(), new DictionaryMatcher(), new SeparatorMatcher())),
                new HashMap<>(), dictionaries, keyboards, leetTable(), YEARS, MINIMUM_ENTROPY, MAX_LENGTH,
                Locale.ENGLISH, true, COMBINATION_TIMEOUT_MILLIS);
        return new Nbvcxz(configuration);
    }

    private static Dictionary ranked(String name, String resource) {
        return new Dictionary(name, DictionaryUtil.loadRankedDictionary(resource), false);
    }

    /** Common character substitutions (4 for a, $ for s), the ones nbvcxz uses by default. */
    static Map<Character, Character[]> leetTable() {
        return new HashMap<>(Map.ofEntries(
                leet('4', 'a'), leet('@', 'a'), leet('8', 'b'), leet('(', 'c'), leet('{', 'c'), leet('[', 'c'),
                leet('<', 'c'), leet('3', 'e'), leet('9', 'g'), leet('6', 'g'), leet('&', 'g'), leet('#', 'h'),
                leet('!', 'i', 'l'), leet('1', 'i', 'l'), leet('|', 'i', 'l'), leet('0', 'o'), leet('$', 's'),
                leet('5', 's'), leet('+', 't'), leet('7', 't', 'l'), leet('%', 'x'), leet('2', 'z')));
    }

    private static Map.Entry<Character, Character[]> leet(char substitute, Character... letters) {
        return Map.entry(substitute, letters);
    }
}
