package org.jwtauth.abuse;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code target/quarkus-app}) started as a process of its own on a free
 * loopback port with an in-memory H2 database, for test engines that cannot use {@code @QuarkusTest}.
 */
final class ServiceProcess implements AutoCloseable {

    static final String ADMIN_PASSWORD = "Fuzz-Operator-Key-2026-xyz!";
    private static final Path APP = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final URI base;
    private final Path log;

    private ServiceProcess(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /** Starts the service with the given extra settings and waits until it is ready. */
    static ServiceProcess start(Map<String, String> settings) throws IOException, InterruptedException {
        if (!Files.exists(APP)) {
            throw new IllegalStateException(APP + " is missing: run the integration tests through 'mvn verify'");
        }
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        Map<String, String> all = new LinkedHashMap<>(Map.of(
                "quarkus.http.host", "127.0.0.1",
                "quarkus.http.port", Integer.toString(port),
                "quarkus.datasource.h2.jdbc.url", "jdbc:h2:mem:fuzz;DB_CLOSE_DELAY=-1",
                "quarkus.log.console.json.enabled", "false",
                "auth.issuer", "https://auth.fuzz.example",
                "auth.keys.master-key", "q1tz5Gf0wQ4Cq2m6z2yY8rV0s3nH7kJ9bL1cX5dE4aA=",
                "auth.bootstrap.admin.password", ADMIN_PASSWORD));
        all.putAll(settings);
        all.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(APP.toString());
        Path log = Path.of("target/fuzz-service.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServiceProcess service = new ServiceProcess(process, URI.create("http://127.0.0.1:" + port), log);
        service.awaitReady();
        return service;
    }

    URI uri(String path) {
        return base.resolve(path);
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The service stopped while starting:\n" + Files.readString(log));
            }
            try {
                HttpResponse<Void> ready = client.send(HttpRequest.newBuilder(uri("/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        close();
        throw new IllegalStateException("The service was not ready within " + START_TIMEOUT + ":\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
