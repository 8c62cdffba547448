package org.jwtauth.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The steps of a cluster test and what each measured: a step that fails is recorded and the next
 * one still runs (most steps stand on their own), and the table of timings is printed at the end.
 */
final class ClusterReport {

    /** A step's body; may throw anything, an assertion error included. */
    interface Body {
        void run() throws Exception;
    }

    private record Timing(String step, String measure, Duration value, String bound) {
    }

    private final List<Timing> timings = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private String current = "";

    /** Runs one step; its failure is kept for {@link #failures()} and printed at once. */
    void step(String name, Body body) {
        current = name;
        long start = System.nanoTime();
        try {
            body.run();
            System.out.printf(Locale.ROOT, "[cluster] step '%s' passed in %.2f s%n", name, seconds(System.nanoTime() - start));
        } catch (Throwable e) {
            failures.add(name + ": " + e);
            System.out.printf(Locale.ROOT, "[cluster] step '%s' FAILED after %.2f s: %s%n", name,
                    seconds(System.nanoTime() - start), e);
        }
    }

    /** Records and prints one measured duration of the current step against its bound. */
    void time(String measure, Duration value, String bound) {
        timings.add(new Timing(current, measure, value, bound));
        System.out.printf(Locale.ROOT, "[cluster]   %s: %.3f s (bound: %s)%n", measure, seconds(value.toNanos()), bound);
    }

    /** Prints a fact of the current step that is not a duration (counts, statuses). */
    void note(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[cluster]   " + format + "%n", args);
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    void printTable() {
        StringBuilder table = new StringBuilder("\n[cluster] timings\n| step | measure | seconds | bound |\n|---|---|---|---|\n");
        timings.forEach(t -> table.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %s |%n",
                t.step(), t.measure(), seconds(t.value().toNanos()), t.bound())));
        table.append(failures.isEmpty() ? "[cluster] every step passed\n"
                : "[cluster] failed steps:\n  " + String.join("\n  ", failures) + "\n");
        System.out.println(table);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
