package org.jwtauth.users;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.ref.WeakReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jwtauth.testing.NoDatabase;
import org.junit.jupiter.api.Test;

import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.AdjacencyGraph;
import me.gosimple.nbvcxz.resources.Configuration;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;

/**
 * Our estimator must judge passwords exactly as nbvcxz's defaults do (the policy's strength is theirs), while
 * its dictionaries stay collectable. This test may touch ConfigurationBuilder: the service never does.
 */
@NoDatabase
class PasswordEstimatorTest {

    private static final Configuration DEFAULTS = new ConfigurationBuilder().createConfiguration();

    @Test
    void shouldBeSetUpAsNbvcxzDefaults() {
        Configuration ours = PasswordEstimator.create().getConfiguration();

        assertEquals(classes(DEFAULTS.getPasswordMatchers()), classes(ours.getPasswordMatchers()));
        assertEquals(dictionaries(DEFAULTS.getDictionaries()), dictionaries(ours.getDictionaries()));
        assertEquals(DEFAULTS.getAdjacencyGraphs().stream().map(AdjacencyGraph::getName).toList(),
                ours.getAdjacencyGraphs().stream().map(AdjacencyGraph::getName).toList());
        assertEquals(new TreeMap<>(DEFAULTS.getLeetTable()).keySet(), new TreeMap<>(ours.getLeetTable()).keySet());
        DEFAULTS.getLeetTable().forEach((substitute, letters) -> assertArrayEquals(letters, ours.getLeetTable().get(substitute)));
        assertEquals(DEFAULTS.getYearPattern().pattern(), ours.getYearPattern().pattern());
        assertEquals(DEFAULTS.getMinimumEntropy(), ours.getMinimumEntropy());
        assertEquals(DEFAULTS.getMaxLength(), ours.getMaxLength());
        assertEquals(DEFAULTS.isDistanceCalc(), ours.isDistanceCalc());
        assertEquals(DEFAULTS.getCombinationAlgorithmTimeout(), ours.getCombinationAlgorithmTimeout());
    }

    @Test
    void shouldScorePasswordsAsNbvcxzDefaults() {
        Nbvcxz defaults = new Nbvcxz(DEFAULTS);
        Nbvcxz ours = PasswordEstimator.create();
        for (String password : List.of("passwordpassword", "P@ssw0rd2024!", "aaaaaaaaaaaaaaaaaaaa", "qwertyuiop123456",
                "jennifer-smith-1987", "correct horse battery staple", "Tr0ub4dor&3xyzzy", "zxcvbnm,./1234567",
                "summer2019summer2019", "v8#Kq!2mZ@x9Lp$w")) {
            assertEquals(defaults.estimate(password).getEntropy(), ours.estimate(password).getEntropy(), 1e-9, password);
            assertEquals(defaults.estimate(password).isMinimumEntropyMet(), ours.estimate(password).isMinimumEntropyMet(), password);
        }
    }

    @Test
    void shouldLeaveItsDictionariesCollectableOnceDropped() {
        WeakReference<Dictionary> common = new WeakReference<>(PasswordEstimator.create().getConfiguration().getDictionaries().get(0));
        // an explicit collection is a full, stop-the-world one with the JDK's collectors: weak references
        // to anything unreachable are cleared when it returns
        for (int i = 0; i < 5 && common.get() != null; i++) {
            System.gc();
        }
        assertNull(common.get(), "a dictionary of a dropped estimator is still reachable");
    }

    private static List<String> classes(List<?> objects) {
        return objects.stream().map(o -> o.getClass().getName()).toList();
    }

    private static Map<String, Integer> dictionaries(List<Dictionary> dictionaries) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        dictionaries.forEach(d -> sizes.put(d.getDictionaryName() + (d.isExclusion() ? " (exclusion)" : ""), d.getDictonary().size()));
        return sizes;
    }
}
