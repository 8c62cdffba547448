package org.jwtauth.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * What operators deploy (SPEC §8): the image definition follows the Java release of the build, and the
 * manifests the build generated carry the memory settings, probes, annotations and disruption budget.
 */
class DeploymentFilesIT {

    private static final Path MANIFEST = Path.of("target/kubernetes/kubernetes.yml");

    @Test
    void shouldBuildTheImageOnTheJavaReleaseOfThePomAsANonRootUser() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        String dockerfile = Files.readString(Path.of("src/main/docker/Dockerfile.jvm"));
        assertEquals(group(pom, "<maven.compiler.release>(\\d+)</maven.compiler.release>"),
                group(dockerfile, "(?m)^ARG JAVA_VERSION=(\\d+)$"), "the JRE is the Java version the build targets");
        assertTrue(dockerfile.contains("FROM eclipse-temurin:${JAVA_VERSION}-jre"));
        assertTrue(dockerfile.matches("(?s).*\\nUSER 10001\\n.*"), "runs as an unprivileged user");
        assertTrue(dockerfile.contains("target/quarkus-app/lib/") && dockerfile.contains("quarkus-run.jar"), "fast-jar layout");
    }

    @Test
    void shouldGenerateManifestsWithMemorySettingsProbesOnTheManagementPortAndABudget() throws Exception {
        String manifest = Files.readString(MANIFEST);
        assertTrue(manifest.contains("kind: PodDisruptionBudget"), "the merged PodDisruptionBudget");
        assertTrue(manifest.contains("minAvailable: 2"));
        assertTrue(manifest.contains("replicas: 3"));
        assertTrue(manifest.contains("name: JAVA_OPTS"));
        for (String option : new String[] {"-Xmx80m", "-Xmn24m", "-XX:MaxMetaspaceSize=128m", "-XX:ReservedCodeCacheSize=40m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TrimNativeHeapInterval=5000"}) {
            assertTrue(manifest.contains(option), option);
        }
        assertTrue(manifest.contains("memory: 288Mi") && manifest.contains("memory: 384Mi"), "memory request and limit");
        assertTrue(manifest.contains("name: AUTH_CLIENT_ADDRESS_TRUSTED_PROXIES"));
        assertTrue(manifest.contains("secretName: jwt-auth-service-keys") && manifest.contains("optional: true"), "optional key Secret");
        for (String probe : new String[] {"/q/health/ready", "/q/health/live", "/q/health/started"}) {
            assertTrue(Pattern.compile("path: " + Pattern.quote(probe) + "\\s+port: 9000").matcher(manifest).find(), probe + " on 9000");
        }
        assertTrue(manifest.contains("prometheus.io/port: \"9000\""), "metrics scraped from the management port");
    }

    private static String group(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertTrue(matcher.find(), regex);
        return matcher.group(1);
    }
}
