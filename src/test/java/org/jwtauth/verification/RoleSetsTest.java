package org.jwtauth.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class RoleSetsTest {

    private final RoleSets roleSets = new RoleSets();

    @Test
    void shouldShareOneImmutableSetPerCombinationWhateverTheOrder() {
        Set<String> first = roleSets.of(List.of("user", "admin"));
        Set<String> second = roleSets.of(new ArrayList<>(List.of("admin", "user")));
        Set<String> other = roleSets.of(List.of("user"));

        assertSame(first, second);
        assertEquals(Set.of("user", "admin"), first);
        assertEquals(Set.of("user"), other);
        assertNotSame(first, other);
        assertThrows(UnsupportedOperationException.class, () -> first.add("auditor"));
    }

    @Test
    void shouldGiveCombinationsPastTheBoundASetOfTheirOwn() {
        for (int i = 0; i < RoleSets.MAX_SHARED; i++) {
            roleSets.of(List.of("role-" + i));
        }
        Set<String> late = roleSets.of(List.of("late"));
        Set<String> lateAgain = roleSets.of(List.of("late"));

        assertEquals(Set.of("late"), late);
        assertEquals(late, lateAgain);
        assertNotSame(late, lateAgain);
        assertSame(roleSets.of(List.of("role-0")), roleSets.of(List.of("role-0")));
    }

    @Test
    void shouldHandOutOneSetWhenManyThreadsAskForTheSameCombinationAtOnce() throws Exception {
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Set<String>>> asked = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                asked.add(pool.submit(() -> {
                    start.await();
                    return roleSets.of(List.of("user", "auditor"));
                }));
            }
            start.countDown();
            Set<Set<String>> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
            for (Future<Set<String>> set : asked) {
                distinct.add(set.get());
            }
            assertEquals(1, distinct.size());
            assertEquals(new HashSet<>(List.of("user", "auditor")), distinct.iterator().next());
        } finally {
            pool.shutdownNow();
        }
    }
}
