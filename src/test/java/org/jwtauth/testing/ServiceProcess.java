package org.jwtauth.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged service ({@code target/quarkus-app}) started as operators start it: {@code java -jar}
 * in a working directory of its own, on a free loopback port, with settings as environment variables
 * or system properties. For ITs that need a real process: restarts, signals, small heaps, several
 * replicas. {@link #close()} stops only this process.
 */
public final class ServiceProcess implements AutoCloseable {

    public static final String MASTER_KEY = "q1tz5Gf0wQ4Cq2m6z2yY8rV0s3nH7kJ9bL1cX5dE4aA=";
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();

    private final Process process;
    private final Path log;
    private final int port;
    private final int managementPort;

    private ServiceProcess(Process process, Path log, int port, int managementPort) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.managementPort = managementPort;
    }

    /**
     * The JVM settings the Kubernetes manifest and the Dockerfile give the service
     * ({@code quarkus.kubernetes.env.vars.java-opts}), without its AOT cache, which only the image has.
     */
    public static String[] manifestJvmOptions() throws IOException {
        Matcher line = Pattern.compile("(?m)^quarkus\\.kubernetes\\.env\\.vars\\.java-opts=(.*)$")
                .matcher(Files.readString(Path.of("src/main/resources/application.properties")));
        if (!line.find()) {
            throw new IllegalStateException("application.properties names no quarkus.kubernetes.env.vars.java-opts");
        }
        return Pattern.compile("\\s+").splitAsStream(line.group(1).trim())
                .filter(option -> !option.startsWith("-XX:AOTCache=")).toArray(String[]::new);
    }

    /** A new launch description; nothing starts before {@link Builder#start()}. */
    public static Builder in(Path workDir) {
        return new Builder(workDir);
    }

    /** What to start: working directory, JVM options, environment and system properties. */
    public static final class Builder {

        private final Path workDir;
        private final List<String> jvmOptions = new ArrayList<>(List.of("-Xmx256m"));
        private final Map<String, String> env = new LinkedHashMap<>();
        private final Map<String, String> properties = new LinkedHashMap<>();
        private Duration startTimeout = Duration.ofSeconds(90);
        private boolean awaitReady = true;

        private Builder(Path workDir) {
            this.workDir = workDir;
        }

        /** Replaces the default heap option ({@code -Xmx256m}) and adds any other JVM option. */
        public Builder jvm(String... options) {
            jvmOptions.removeIf(o -> o.startsWith("-Xmx"));
            jvmOptions.addAll(List.of(options));
            return this;
        }

        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Builder env(Map<String, String> values) {
            env.putAll(values);
            return this;
        }

        public Builder property(String name, String value) {
            properties.put(name, value);
            return this;
        }

        public Builder properties(Map<String, String> values) {
            properties.putAll(values);
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /** Returns as soon as the process runs, without waiting for readiness. */
        public Builder noWait() {
            this.awaitReady = false;
            return this;
        }

        public ServiceProcess start() throws IOException, InterruptedException {
            if (!Files.exists(JAR)) {
                throw new IllegalStateException(JAR + " is missing: run the integration tests through 'mvn verify'");
            }
            Files.createDirectories(workDir);
            int port = properties.containsKey("quarkus.http.port")
                    ? Integer.parseInt(properties.get("quarkus.http.port")) : freePort();
            int managementPort = properties.containsKey("quarkus.management.port")
                    ? Integer.parseInt(properties.get("quarkus.management.port")) : freePort();
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            Map<String, String> all = new LinkedHashMap<>(properties);
            all.put("quarkus.http.port", Integer.toString(port));
            all.put("quarkus.management.port", Integer.toString(managementPort));
            all.putIfAbsent("quarkus.http.host", "127.0.0.1");
            all.putIfAbsent("quarkus.management.host", "127.0.0.1");
            all.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.add("-jar");
            command.add(JAR.toString());
            Path log = workDir.resolve("service-" + port + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            ServiceProcess service = new ServiceProcess(builder.start(), log, port, managementPort);
            if (awaitReady) {
                service.awaitReady(startTimeout);
            }
            return service;
        }
    }

    /** Waits until {@code /q/health/ready} answers 200. */
    public void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The service exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                if (health("/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        close();
        throw new IllegalStateException("The service was not ready within " + timeout + ":\n" + log());
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** A health or metrics path ({@code /q/...}), served on the management port when it is enabled. */
    public HttpResponse<String> health(String path) throws IOException, InterruptedException {
        HttpResponse<String> management = null;
        try {
            management = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path)).GET());
        } catch (IOException noManagementInterface) {
            // management interface disabled: health is served on the main port
        }
        return management != null && management.statusCode() != 404 ? management : get(path);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public HttpResponse<String> get(String path, String bearer) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + bearer).GET());
    }

    public HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** The bootstrap admin password printed once in the log, if one was generated. */
    public String generatedAdminPassword() throws IOException {
        Matcher matcher = Pattern.compile("generated password: (\\S+)").matcher(log());
        return matcher.find() ? matcher.group(1) : null;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the process gets no chance to clean up. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM, without waiting: a graceful shutdown starts. */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the process to exit; the exit code, or -1 when it is still running after the timeout. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
