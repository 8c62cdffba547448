package org.jwtauth.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.jwtauth.testing.NoDatabase;

/** The rotation timeline as pure date arithmetic, with a clock the test moves. */
@NoDatabase
class KeyScheduleTest {

    private static final Duration PERIOD = Duration.ofDays(30);
    private static final Duration LEAD = Duration.ofMinutes(5).plusSeconds(15);
    private static final Duration MARGIN = Duration.ofSeconds(30);
    private static final Duration GRACE = Duration.ofMinutes(16);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final KeySchedule schedule = new KeySchedule("RS256", PERIOD, LEAD, MARGIN, GRACE);
    private final List<SigningKeyEntity> table = new ArrayList<>();

    private SigningKeyEntity generate(Instant activatesAt) {
        return row("RS256", activatesAt, null);
    }

    private static SigningKeyEntity row(String algorithm, Instant activatesAt, Instant retiresAt) {
        SigningKeyEntity row = new SigningKeyEntity();
        row.kid = UUID.randomUUID().toString();
        row.algorithm = algorithm;
        row.activatesAt = activatesAt;
        row.retiresAt = retiresAt;
        return row;
    }

    /** One maintenance run at {@code now}, applied to the table as the service would. */
    private KeySchedule.Changes run(Instant now) {
        KeySchedule.Changes changes = schedule.update(table, now, this::generate);
        table.addAll(changes.created());
        table.removeAll(changes.expired());
        return changes;
    }

    private List<String> states(Instant now) {
        return table.stream().map(k -> state(k, now)).toList();
    }

    private static String state(SigningKeyEntity key, Instant now) {
        if (key.activatesAt.isAfter(now)) {
            return "next";
        }
        return key.retiresAt == null || key.retiresAt.isAfter(now) ? "current" : "retired";
    }

    @Test
    void shouldCreateCurrentAndNextKeyOnFirstStart() {
        assertEquals(2, run(T0).created().size());
        assertEquals(List.of("current", "next"), states(T0));
        assertEquals(T0.plus(PERIOD), table.get(1).activatesAt);
        assertEquals(table.get(1).activatesAt, table.get(0).retiresAt);
    }

    @Test
    void shouldCreateOnlyTheCurrentKeyWhenTheNextIsLeftForLaterThenTheNextOne() {
        KeySchedule.Changes first = schedule.update(table, T0, this::generate, false);
        table.addAll(first.created());
        assertEquals(List.of("current"), states(T0));
        assertFalse(schedule.hasNext(table, T0));

        assertEquals(1, run(T0.plusSeconds(2)).created().size());
        assertEquals(List.of("current", "next"), states(T0.plusSeconds(2)));
        assertTrue(schedule.hasNext(table, T0.plusSeconds(2)));
        assertEquals(table.get(1).activatesAt, table.get(0).retiresAt);
    }

    @Test
    void shouldDoNothingWhileTheTimelineIsAhead() {
        run(T0);
        assertTrue(run(T0.plus(Duration.ofDays(10))).created().isEmpty());
    }

    @Test
    void shouldPublishTheSuccessorBeforeTheNextKeyActivatesSoNextIsNeverMissing() {
        run(T0);
        Instant justBefore = T0.plus(PERIOD).minusSeconds(20);
        assertEquals(1, run(justBefore).created().size());
        assertEquals(List.of("current", "next", "next"), states(justBefore));
        Instant after = T0.plus(PERIOD).plusSeconds(1);
        // the switch happens by the clock alone, on every replica at once
        assertEquals(List.of("retired", "current", "next"), states(after));
        assertEquals(T0.plus(PERIOD).plus(PERIOD), table.get(2).activatesAt);
    }

    @Test
    void shouldNeverActivateANewNextKeySoonerThanTheLeadTime() {
        table.add(row("RS256", T0.minus(PERIOD.multipliedBy(5)), null));
        run(T0);
        SigningKeyEntity next = table.get(1);
        assertEquals(T0.plus(LEAD), next.activatesAt);
        assertEquals(List.of("current", "next"), states(T0));
    }

    @Test
    void shouldPromoteNextAtOnceAndPublishAFreshNext() {
        run(T0);
        SigningKeyEntity current = table.get(0);
        SigningKeyEntity next = table.get(1);
        Instant now = T0.plus(Duration.ofDays(3));
        KeySchedule.Changes changes = schedule.promoteNext(table, now, this::generate);
        table.addAll(changes.created());
        assertEquals(now, current.retiresAt);
        assertEquals(now, next.activatesAt);
        assertEquals(1, changes.created().size());
        assertEquals(now.plus(PERIOD), changes.created().get(0).activatesAt);
        assertEquals(now.plus(PERIOD), next.retiresAt);
        assertEquals(List.of("retired", "current", "next"), states(now));
    }

    @Test
    void shouldDeleteARetiredKeyOnlyAfterEveryTokenItSignedExpired() {
        run(T0);
        Instant retired = T0.plus(PERIOD);
        assertTrue(run(retired.plus(GRACE).minusSeconds(1)).expired().isEmpty());
        List<SigningKeyEntity> expired = run(retired.plus(GRACE).plusSeconds(1)).expired();
        assertEquals(1, expired.size());
        assertEquals(retired, expired.get(0).retiresAt);
        assertEquals(retired.plus(GRACE), schedule.publishedUntil(expired.get(0)));
    }

    @Test
    void shouldStopSigningWithKeysOfAnotherAlgorithmButKeepThemPublished() {
        SigningKeyEntity old = row("ES256", T0.minusSeconds(3600), null);
        table.add(old);
        run(T0);
        assertEquals(T0, old.retiresAt);
        assertEquals(3, table.size());
        assertEquals(List.of("retired", "current", "next"), states(T0.plusSeconds(1)));
    }

    @Test
    void shouldGiveAFirstKeyCreatedBeforeAnExistingNextKeyAnEnd() {
        SigningKeyEntity pending = row("RS256", T0.plus(Duration.ofDays(2)), null);
        table.add(pending);
        run(T0);
        SigningKeyEntity first = table.get(1);
        assertEquals(T0, first.activatesAt);
        assertEquals(pending.activatesAt, first.retiresAt);
        assertNull(pending.retiresAt);
    }
}
