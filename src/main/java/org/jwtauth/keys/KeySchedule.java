package org.jwtauth.keys;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The rotation timeline of managed keys as date arithmetic on the stored rows, without I/O.
 * A key signs from {@code activatesAt} until {@code retiresAt}, which is always its successor's
 * activation, so every replica switches keys at the same instant without talking to the others.
 */
final class KeySchedule {

    private final String algorithm;
    private final Duration period;
    private final Duration minimumLead;
    private final Duration margin;
    private final Duration grace;

    /**
     * @param minimumLead how long a new next key is published before it signs (one JWKS cache lifetime and a refresh)
     * @param margin      a next key closer than this to its activation gets a successor now, so one is always published
     * @param grace       how long a retired key stays published: the lifetime of the last token it signed, plus leeway
     */
    KeySchedule(String algorithm, Duration period, Duration minimumLead, Duration margin, Duration grace) {
        this.algorithm = algorithm;
        this.period = period;
        this.minimumLead = minimumLead;
        this.margin = margin;
        this.grace = grace;
    }

    /** Rows created and rows that may be deleted; changed dates are set on the given rows in place. */
    record Changes(List<SigningKeyEntity> created, List<SigningKeyEntity> expired) {
    }

    /** Brings the timeline up to date at {@code now}; {@code generator} makes a key activating at the given time. */
    Changes update(List<SigningKeyEntity> keys, Instant now, Function<Instant, SigningKeyEntity> generator) {
        return update(keys, now, generator, true);
    }

    /**
     * As {@link #update(List, Instant, Function)}; without {@code withNext} no next key is made, only a
     * missing current one (a first start leaves the next key to a moment later).
     */
    Changes update(List<SigningKeyEntity> keys, Instant now, Function<Instant, SigningKeyEntity> generator,
            boolean withNext) {
        List<SigningKeyEntity> created = new ArrayList<>();
        // after a change of auth.keys.algorithm the old keys stop signing at once but stay published
        keys.stream().filter(k -> !k.algorithm.equals(algorithm) && signsAfter(k, now)).forEach(k -> k.retiresAt = now);
        List<SigningKeyEntity> own = own(keys);
        if (own.stream().noneMatch(k -> isActive(k, now))) {
            SigningKeyEntity first = generator.apply(now);
            first.retiresAt = own.stream().map(k -> k.activatesAt).filter(now::isBefore).min(Comparator.naturalOrder())
                    .orElse(null);
            created.add(first);
            own.add(first);
            own.sort(Comparator.comparing(k -> k.activatesAt));
        }
        SigningKeyEntity last = own.get(own.size() - 1);
        if (withNext && !last.activatesAt.isAfter(now.plus(margin))) {
            Instant activation = latest(last.activatesAt.plus(period), now.plus(minimumLead));
            SigningKeyEntity next = generator.apply(activation);
            last.retiresAt = activation;
            created.add(next);
        }
        List<SigningKeyEntity> expired = keys.stream()
                .filter(k -> k.retiresAt != null && k.retiresAt.plus(grace).isBefore(now))
                .toList();
        return new Changes(created, expired);
    }

    /** Promotes the next key to current at once; {@link #update} then publishes a fresh next key. */
    Changes promoteNext(List<SigningKeyEntity> keys, Instant now, Function<Instant, SigningKeyEntity> generator) {
        List<SigningKeyEntity> created = new ArrayList<>(update(keys, now, generator).created());
        List<SigningKeyEntity> all = new ArrayList<>(keys);
        all.addAll(created);
        List<SigningKeyEntity> own = own(all);
        SigningKeyEntity next = own.stream().filter(k -> k.activatesAt.isAfter(now)).findFirst().orElseThrow();
        own.stream().filter(k -> isActive(k, now)).forEach(k -> k.retiresAt = now);
        next.activatesAt = now;
        Changes after = update(all, now, generator);
        created.addAll(after.created());
        return new Changes(created, after.expired());
    }

    /** Whether a key of the configured algorithm is waiting to sign after {@code now}. */
    boolean hasNext(List<SigningKeyEntity> keys, Instant now) {
        return own(keys).stream().anyMatch(k -> k.activatesAt.isAfter(now));
    }

    /** When a retired key leaves the JWKS: every token it signed has expired by then. */
    Instant publishedUntil(SigningKeyEntity key) {
        return key.retiresAt == null ? null : key.retiresAt.plus(grace);
    }

    private List<SigningKeyEntity> own(List<SigningKeyEntity> keys) {
        return new ArrayList<>(keys.stream()
                .filter(k -> k.algorithm.equals(algorithm))
                .sorted(Comparator.comparing(k -> k.activatesAt))
                .toList());
    }

    private static boolean signsAfter(SigningKeyEntity key, Instant now) {
        return key.retiresAt == null || key.retiresAt.isAfter(now);
    }

    static boolean isActive(SigningKeyEntity key, Instant now) {
        return !key.activatesAt.isAfter(now) && signsAfter(key, now);
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
