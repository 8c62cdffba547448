package org.jwtauth.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jwtauth.testing.NoDatabase;

/**
 * The layout of STYLE.md, read from the sources: {@code common} imports no feature, and no two
 * packages (features, or the rooms inside {@code common}) depend on each other in a circle.
 */
@NoDatabase
class PackageStructureTest {

    private static final Path SOURCES = Path.of("src/main/java/org/jwtauth");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?org\\.jwtauth\\.([a-z.]+)\\.[A-Z]", Pattern.MULTILINE);

    /** package (e.g. {@code token}, {@code common.http}) → packages it imports. */
    private static final Map<String, Set<String>> GRAPH = new TreeMap<>();

    @BeforeAll
    static void readImports() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String from = room(SOURCES.relativize(file.getParent()).toString().replace('/', '.'));
                Matcher imports = IMPORT.matcher(Files.readString(file));
                while (imports.find()) {
                    String to = room(imports.group(1));
                    if (!to.equals(from)) {
                        GRAPH.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
                    }
                }
                GRAPH.computeIfAbsent(from, k -> new TreeSet<>());
            }
        }
    }

    /** A feature is one room with its subpackages; inside common each subpackage is a room. */
    private static String room(String pkg) {
        String[] parts = pkg.split("\\.");
        return parts[0].equals("common") && parts.length > 1 ? "common." + parts[1] : parts[0];
    }

    @Test
    void shouldFindTheFeaturesOfTheLayout() {
        assertTrue(GRAPH.keySet().containsAll(List.of("token", "verification", "keys", "sessions", "users", "clients",
                "throttle", "audit", "common.error")), "packages read: " + GRAPH.keySet());
    }

    @Test
    void shouldKeepCommonFreeOfFeatures() {
        List<String> violations = new ArrayList<>();
        GRAPH.forEach((from, targets) -> targets.stream()
                .filter(to -> from.startsWith("common") && !to.startsWith("common"))
                .forEach(to -> violations.add(from + " -> " + to)));
        assertEquals(List.of(), violations, "common must not import a feature");
    }

    @Test
    void shouldHaveNoCircularDependencies() {
        List<String> cycles = new ArrayList<>();
        for (String start : GRAPH.keySet()) {
            findCycle(start, start, new ArrayList<>(List.of(start)), new TreeSet<>(), cycles);
        }
        assertEquals(List.of(), cycles, "packages that depend on each other in a circle");
    }

    private static void findCycle(String start, String at, List<String> path, Set<String> seen, List<String> cycles) {
        for (String next : GRAPH.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                // report each circle once, from its alphabetically first package
                if (path.stream().allMatch(p -> p.compareTo(start) >= 0)) {
                    cycles.add(String.join(" -> ", path) + " -> " + start);
                }
            } else if (seen.add(next)) {
                path.add(next);
                findCycle(start, next, path, seen, cycles);
                path.remove(path.size() - 1);
            }
        }
    }
}
