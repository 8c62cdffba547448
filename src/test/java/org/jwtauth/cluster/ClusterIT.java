package org.jwtauth.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jwtauth.testing.ServiceProcess;

/**
 * Three replicas of the packaged service, started at the same moment over one fresh PostgreSQL
 * database reached through a {@link TcpProxy} this test owns, keep every cross-replica promise of
 * SPEC §5, §7 and §8 (issue 12); each step prints what it measured and a table closes the run.
 */
class ClusterIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ISSUER = "https://auth.cluster.test";
    private static final String ADMIN_PASSWORD = "Cluster-Operator-Key-2026-q7";
    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final Duration SHUTDOWN_DELAY = Duration.ofSeconds(2);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicInteger ADDRESSES = new AtomicInteger();
    // 50 password hashes at once on a small shared machine may take longer than ServiceProcess's 30 s
    private static final HttpClient PATIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path root;

    private final List<ServiceProcess> started = new CopyOnWriteArrayList<>();
    private final ClusterReport report = new ClusterReport();
    private ClusterDatabase database;
    private TcpProxy proxy;

    @AfterEach
    void stopWhatThisTestStarted() throws Exception {
        Path logs = Files.createDirectories(Path.of("target/cluster-it-logs"));
        for (ServiceProcess process : started) {
            process.close();
            // kept for a look after the run; the temporary folder goes
            Files.writeString(logs.resolve("replica-" + process.port() + ".log"), process.log());
        }
        if (proxy != null) {
            proxy.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void shouldKeepEveryPromiseAcrossThreeReplicas() throws Exception {
        Assumptions.assumeFalse(Boolean.getBoolean("skipPgTests"),
                "ClusterIT skipped: it needs PostgreSQL (-DskipPgTests is set)");
        database = ClusterDatabase.create(System.getProperty("pg.test.url", "jdbc:postgresql://127.0.0.1:5432/test"));
        proxy = TcpProxy.start(database.host(), database.port());
        List<ServiceProcess> replicas = startReplicas(3);
        long allReady = System.nanoTime();
        ServiceProcess a = replicas.get(0);
        ServiceProcess b = replicas.get(1);
        ServiceProcess c = replicas.get(2);
        String admin = accessToken(login(a, "admin", ADMIN_PASSWORD));

        report.step("empty database: one key set, one bootstrap admin", () -> {
            assertEquals(1, database.count("SELECT count(*) FROM users"), "one user: the bootstrap admin");
            long creators = replicas.stream().filter(r -> uncheckedLog(r).contains("Created the bootstrap admin")).count();
            assertEquals(1, creators, "exactly one replica created the admin");
            // a first start makes its next key 2 s after ready (KeyService): wait past that for every replica,
            // so a second next key, if any replica made one, would be counted
            report.time("the next key published", until(Duration.ofSeconds(15), allReady, () -> System.nanoTime() - allReady
                    > NEXT_KEY_SETTLED.toNanos() && database.count("SELECT count(*) FROM signing_keys WHERE key_use = 'sig'") >= 2),
                    "2 s after ready");
            assertEquals(2, database.count("SELECT count(*) FROM signing_keys WHERE key_use = 'sig'"),
                    "one key set: the current key and the published next key");
            Map<String, Long> states = keyStates(a, admin);
            assertEquals(Map.of("current", 1L, "next", 1L), states);
        });

        report.step("a token of one replica is accepted by the others; the JWKS is identical", () -> {
            for (ServiceProcess replica : replicas) {
                assertEquals(200, replica.get("/api/admin", admin).statusCode());
            }
            Map<String, JsonNode> jwks = jwks(a);
            assertEquals(2, jwks.size());
            assertEquals(jwks, jwks(b));
            assertEquals(jwks, jwks(c));
        });

        report.step("logout on one replica is refused by the others within 5 s", () -> {
            String password = createUser(a, admin, "lou", "user");
            String token = accessToken(login(a, "lou", password));
            assertEquals(200, b.get("/api/user", token).statusCode());
            assertEquals(200, c.get("/api/user", token).statusCode());
            HttpResponse<String> logout = a.send(HttpRequest.newBuilder(a.uri("/auth/logout"))
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()));
            assertEquals(204, logout.statusCode(), logout.body());
            long start = System.nanoTime();
            report.time("token refused on B", until(Duration.ofSeconds(5), start, () -> b.get("/api/user", token).statusCode() == 401), "5 s");
            report.time("token refused on C", until(Duration.ofSeconds(5), start, () -> c.get("/api/user", token).statusCode() == 401), "5 s");
        });

        report.step("a user disabled on one replica cannot log in on another; their token is refused within 5 s", () -> {
            String password = createUser(a, admin, "dora", "user");
            String id = userId(a, admin, "dora");
            String token = accessToken(login(b, "dora", password));
            for (ServiceProcess replica : replicas) {
                assertEquals(200, replica.get("/api/user", token).statusCode());
            }
            HttpResponse<String> disable = json(c, "PATCH", "/admin/users/" + id, admin, "{\"enabled\":false}");
            assertEquals(200, disable.statusCode(), disable.body());
            long start = System.nanoTime();
            assertEquals(401, login(a, "dora", password).statusCode(), "the disabled user cannot log in on A");
            report.time("login refused on A", Duration.ofNanos(System.nanoTime() - start), "at once (database)");
            report.time("token refused on A", until(Duration.ofSeconds(5), start, () -> a.get("/api/user", token).statusCode() == 401), "5 s");
            report.time("token refused on B", until(Duration.ofSeconds(5), start, () -> b.get("/api/user", token).statusCode() == 401), "5 s");
        });

        report.step("sign-in page from A, form posted to B, code exchanged on C", () -> {
            HttpResponse<String> client = json(a, "POST", "/admin/clients", admin, "{\"client_id\":\"cluster-spa\","
                    + "\"type\":\"public\",\"roles\":[],\"redirect_uris\":[\"" + CrossReplicaSignIn.REDIRECT_URI + "\"]}");
            assertEquals(201, client.statusCode(), client.body());
            String password = createUser(a, admin, "sso", "user");
            HttpResponse<String> tokens = CrossReplicaSignIn.signIn(a, b, c, "cluster-spa", "sso", password, nextAddress());
            assertEquals(200, tokens.statusCode(), tokens.body());
            assertNotNull(field(tokens, "id_token"));
            assertEquals(200, a.get("/auth/userinfo", accessToken(tokens)).statusCode());
        });

        report.step("a key rotation on one replica is followed by the others within 30 s", () -> {
            String before = accessToken(login(b, "admin", ADMIN_PASSWORD));
            String oldKid = kid(before);
            Map<String, String> refreshTokens = new ConcurrentHashMap<>();
            for (ServiceProcess replica : List.of(b, c)) {
                refreshTokens.put(Integer.toString(replica.port()), refreshToken(login(replica, "admin", ADMIN_PASSWORD)));
            }
            HttpResponse<String> rotate = json(a, "POST", "/admin/keys/rotate", admin, "");
            assertEquals(200, rotate.statusCode(), rotate.body());
            String newKid = null;
            for (JsonNode key : JSON.readTree(rotate.body()).get("items")) {
                if (key.get("state").asText().equals("current")) {
                    newKid = key.get("kid").asText();
                }
            }
            assertNotNull(newKid);
            assertNotEquals(oldKid, newKid);
            assertEquals(newKid, kid(accessToken(login(a, "admin", ADMIN_PASSWORD))), "A signs with the new key at once");
            long start = System.nanoTime();
            String expected = newKid;
            for (ServiceProcess replica : List.of(b, c)) {
                String key = Integer.toString(replica.port());
                Duration followed = until(Duration.ofSeconds(30), start, () -> {
                    HttpResponse<String> refreshed = refresh(replica, refreshTokens.get(key));
                    assertEquals(200, refreshed.statusCode(), refreshed.body());
                    refreshTokens.put(key, refreshToken(refreshed));
                    return expected.equals(kid(accessToken(refreshed)));
                });
                report.time("new tokens of replica :" + replica.port() + " carry the new kid", followed, "30 s");
            }
            for (ServiceProcess replica : replicas) {
                assertEquals(200, replica.get("/api/admin", before).statusCode(), "a token of the previous key stays valid");
                assertTrue(jwks(replica).containsKey(oldKid), "the previous key stays published");
            }
        });

        report.step("5 wrong passwords spread over the three lock the username everywhere", () -> {
            String password = createUser(a, admin, "lena", "user");
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> wrong = loginFrom(replicas.get(i % 3), "lena", "not-her-password-" + i, nextAddress());
                assertEquals(401, wrong.statusCode(), wrong.body());
            }
            for (ServiceProcess replica : replicas) {
                HttpResponse<String> locked = loginFrom(replica, "lena", password, nextAddress());
                assertEquals(429, locked.statusCode(), "locked on :" + replica.port() + ": " + locked.body());
                assertTrue(locked.headers().firstValue("Retry-After").isPresent());
            }
        });

        report.step("one refresh token sent to all three at once; reuse after the grace window revokes everywhere", () -> {
            String password = createUser(a, admin, "rita", "user");
            HttpResponse<String> first = login(a, "rita", password);
            String r0 = refreshToken(first);
            String access = accessToken(first);
            List<HttpResponse<String>> answers = new CopyOnWriteArrayList<>();
            parallel(3, i -> {
                answers.add(refresh(replicas.get(i), r0));
                return 0;
            });
            Set<String> issued = answers.stream().filter(r -> r.statusCode() == 200).map(ClusterIT::refreshToken).collect(Collectors.toSet());
            report.note("statuses of the three racing refreshes: %s", answers.stream().map(HttpResponse::statusCode).toList());
            assertTrue(answers.stream().allMatch(r -> r.statusCode() == 200 || r.statusCode() == 400), "200 or invalid_grant only");
            assertEquals(1, issued.size(), "every 200 carries the same new refresh token");
            String r1 = issued.iterator().next();
            HttpResponse<String> next = refresh(b, r1);
            assertEquals(200, next.statusCode(), "the session survives the race: " + next.body());
            String r2 = refreshToken(next);
            long start = System.nanoTime();
            // inside the grace window r1 is a retry (same r2); once the window is over it is theft
            Duration theft = until(GRACE.plusSeconds(5), start, () -> {
                HttpResponse<String> reuse = refresh(c, r1);
                if (reuse.statusCode() == 200) {
                    assertEquals(r2, refreshToken(reuse), "a retry inside the grace window gets the same token");
                    return false;
                }
                assertEquals("invalid_grant", JSON.readTree(reuse.body()).get("error").asText());
                return true;
            });
            report.time("reuse of the predecessor on C refused as theft (grace " + GRACE.toSeconds() + " s)", theft, "grace window");
            long revoked = System.nanoTime();
            assertEquals(400, refresh(a, r2).statusCode(), "the live refresh token is revoked on A");
            assertEquals(400, refresh(b, r2).statusCode(), "and on B");
            for (ServiceProcess replica : replicas) {
                report.time("access token of the stolen session refused on :" + replica.port(),
                        until(Duration.ofSeconds(5), revoked, () -> replica.get("/api/user", access).statusCode() == 401), "5 s");
            }
        });

        List<ServiceProcess> alive = new ArrayList<>(List.of(a, b));
        report.step("kill -9 of one replica: the others serve, its session refreshes elsewhere", () -> {
            String password = createUser(a, admin, "kim", "user");
            HttpResponse<String> onC = login(c, "kim", password);
            c.kill();
            assertTrue(!c.isAlive());
            long start = System.nanoTime();
            assertEquals(200, a.get("/api/user", accessToken(onC)).statusCode());
            HttpResponse<String> refreshed = refresh(b, refreshToken(onC));
            assertEquals(200, refreshed.statusCode(), refreshed.body());
            assertEquals(200, login(a, "kim", password).statusCode());
            report.time("session of the killed replica refreshed on B, login on A", Duration.ofNanos(System.nanoTime() - start), "no bound: just works");
            ServiceProcess replacement = startReplicas(1).get(0);
            alive.add(replacement);
            assertEquals(200, replacement.get("/api/user", accessToken(refreshed)).statusCode(), "a new replica joins");
        });

        report.step("database outage: tokens verify from memory, logins 503 within 5 s, recovery within 20 s", () -> {
            String password = createUser(a, admin, "otto", "user");
            String token = accessToken(login(a, "otto", password));
            proxy.cut();
            long cut = System.nanoTime();
            try {
                for (ServiceProcess replica : alive) {
                    assertEquals(200, replica.get("/api/user", token).statusCode(), "valid tokens still answer 200");
                    long start = System.nanoTime();
                    HttpResponse<String> refused = login(replica, "otto", password);
                    Duration took = Duration.ofNanos(System.nanoTime() - start);
                    assertEquals(503, refused.statusCode(), refused.body());
                    assertEquals("temporarily_unavailable", JSON.readTree(refused.body()).get("error").asText());
                    assertTrue(refused.headers().firstValue("Retry-After").isPresent(), "Retry-After");
                    assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "answered within 5 s: " + took);
                    report.time("login answered 503 on :" + replica.port(), took, "5 s");
                    report.time("ready turned 503 on :" + replica.port(),
                            until(Duration.ofSeconds(10), cut, () -> replica.health("/q/health/ready").statusCode() == 503), "probe period");
                    assertEquals(200, replica.health("/q/health/live").statusCode(), "live stays 200");
                    assertEquals(200, replica.get("/api/user", token).statusCode(), "still verified from memory");
                }
                // the scheduled jobs meet the outage too (the retry-secret wipe runs every second here): one WARN a round
                for (ServiceProcess replica : alive) {
                    report.time("a scheduled job reported the outage as a WARN on :" + replica.port(),
                            until(Duration.ofSeconds(20), cut, () -> uncheckedLog(replica).contains(JOB_MET_OUTAGE)),
                            "its 1 s period + the pool's wait for a connection");
                }
            } finally {
                proxy.restore(); // a failed check above must not leave the later steps without a database
            }
            long restored = System.nanoTime();
            for (ServiceProcess replica : alive) {
                report.time("login works again on :" + replica.port(),
                        until(Duration.ofSeconds(20), restored, () -> login(replica, "otto", password).statusCode() == 200), "20 s");
                report.time("ready again on :" + replica.port(),
                        until(Duration.ofSeconds(20), restored, () -> replica.health("/q/health/ready").statusCode() == 200), "20 s");
            }
        });

        report.step("50 parallel wrong passwords spread over three replicas get at most 5 password checks", () -> {
            createUser(a, admin, "pat", "user");
            long start = System.nanoTime();
            Map<Integer, Integer> statuses = parallel(50, i -> patientLogin(alive.get(i % 3), "pat", "wrong-guess-" + i).statusCode());
            report.time("50 parallel wrong passwords answered", Duration.ofNanos(System.nanoTime() - start), "none");
            report.note("statuses of 50 parallel wrong passwords: %s", new TreeMap<>(statuses));
            for (ServiceProcess replica : alive) {
                String log = uncheckedLog(replica);
                Map<String, Integer> causes = new TreeMap<>();
                java.util.regex.Matcher withheld = java.util.regex.Pattern.compile("([A-Za-z0-9_.$]+) \\(message withheld\\)").matcher(log);
                while (withheld.find()) {
                    causes.merge(withheld.group(1), 1, Integer::sum);
                }
                report.note("replica :%d logged OutOfMemoryError %d times, 'Unexpected failure' %d times, causes %s", replica.port(),
                        occurrences(log, "OutOfMemoryError"), occurrences(log, "Unexpected failure"), causes);
            }
            int checked = statuses.entrySet().stream().filter(e -> e.getKey() != 429).mapToInt(Map.Entry::getValue).sum();
            assertTrue(statuses.keySet().stream().allMatch(s -> s == 401 || s == 429 || s == 503), "only 401, 429 or 503: " + statuses);
            assertTrue(checked <= 5, checked + " answers were not 429, so up to " + checked + " password checks ran (at most 5 allowed)");
        });

        report.step("SIGTERM under load: ready 503 at once, no 5xx in flight, exit within the shutdown timeout", () -> {
            sigtermUnderLoad(a, alive.get(1), admin);
        });

        report.step("no replica logged an ERROR through the outage, the kill and the SIGTERM", () -> {
            for (ServiceProcess replica : started) {
                String log = uncheckedLog(replica);
                assertEquals(0, occurrences(log, "\"level\":\"ERROR\""), "ERROR lines of :" + replica.port());
            }
        });

        report.printTable();
        assertEquals(List.of(), report.failures(), "every cluster promise holds");
    }

    private void sigtermUnderLoad(ServiceProcess victim, ServiceProcess other, String token) throws Exception {
        AtomicBoolean routedAway = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicInteger served = new AtomicInteger();
        AtomicInteger inFlightAtSignal = new AtomicInteger();
        long[] signal = {Long.MAX_VALUE};
        ExecutorService load = Executors.newFixedThreadPool(6);
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            boolean logins = i < 2;
            workers.add(load.submit(() -> {
                while (!stop.get()) {
                    // a load balancer sends no new request to a replica once its readiness probe fails
                    ServiceProcess target = routedAway.get() ? other : victim;
                    long begin = System.nanoTime();
                    try {
                        int status = logins ? login(target, "admin", ADMIN_PASSWORD).statusCode()
                                : target.get("/api/admin", token).statusCode();
                        if (target == victim && begin < signal[0] && System.nanoTime() > signal[0]) {
                            inFlightAtSignal.incrementAndGet();
                        }
                        if (status >= 500) {
                            failures.add(status + " from :" + target.port());
                        } else {
                            served.incrementAndGet();
                        }
                    } catch (IOException e) {
                        failures.add(e + " from :" + target.port());
                    }
                }
                return null;
            }));
        }
        Thread.sleep(1_000);
        signal[0] = System.nanoTime();
        victim.terminate();
        Duration notReady = until(Duration.ofSeconds(2), signal[0], () -> {
            try {
                return victim.health("/q/health/ready").statusCode() == 503;
            } catch (IOException gone) {
                return true;
            }
        });
        routedAway.set(true);
        report.time("ready answered 503 after SIGTERM", notReady, "at once");
        int exit = victim.awaitExit(SHUTDOWN_DELAY.plus(SHUTDOWN_TIMEOUT).plusSeconds(5));
        Duration exited = Duration.ofNanos(System.nanoTime() - signal[0]);
        stop.set(true);
        for (Future<?> worker : workers) {
            worker.get(30, TimeUnit.SECONDS);
        }
        load.shutdown();
        report.note("requests served during the test: %d, in flight at SIGTERM: %d, exit code %d", served.get(), inFlightAtSignal.get(), exit);
        report.time("process exited after SIGTERM", exited, "delay " + SHUTDOWN_DELAY.toSeconds() + " s + timeout " + SHUTDOWN_TIMEOUT.toSeconds() + " s");
        assertNotEquals(-1, exit, "the process exited");
        assertTrue(exited.compareTo(SHUTDOWN_DELAY.plus(SHUTDOWN_TIMEOUT)) < 0, "exited within the shutdown delay and timeout");
        assertEquals(List.of(), failures, "no 5xx and no broken connection");
        assertTrue(inFlightAtSignal.get() > 0, "some requests were in flight when the signal came");
    }

    // ------------------------------------------------------------------ replicas

    private List<ServiceProcess> startReplicas(int count) throws Exception {
        List<ServiceProcess> processes = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            // ports below the ephemeral range: a free ephemeral port may be taken by an outgoing
            // connection (the replicas' own database connections) before a slow start binds it
            ServiceProcess process = ServiceProcess.in(root.resolve("replica-" + started.size())).jvm("-Xmx128m")
                    .property("quarkus.http.port", Integer.toString(FixedPorts.next()))
                    .property("quarkus.management.port", Integer.toString(FixedPorts.next()))
                    .env(replicaEnv()).noWait().start();
            started.add(process);
            processes.add(process);
        }
        ExecutorService waiting = Executors.newFixedThreadPool(count);
        List<Future<Duration>> ready = new ArrayList<>();
        for (ServiceProcess process : processes) {
            ready.add(waiting.submit(() -> {
                process.awaitReady(Duration.ofSeconds(240));
                return Duration.ofNanos(System.nanoTime() - start);
            }));
        }
        report.step("start " + count + (count == 1 ? " replacement replica" : " replicas at the same moment"), () -> {
        });
        for (int i = 0; i < count; i++) {
            report.time("replica :" + processes.get(i).port() + " start to ready", ready.get(i).get(), "SPEC §9: 4 s on a first start");
        }
        waiting.shutdown();
        return processes;
    }

    private Map<String, String> replicaEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_PROFILE", "prod,pg");
        env.put("QUARKUS_DATASOURCE_PG_JDBC_URL", ClusterDatabase.url("127.0.0.1", proxy.port(), database.name()));
        env.put("AUTH_KEYS_MASTER_KEY", ServiceProcess.MASTER_KEY);
        env.put("AUTH_ISSUER", ISSUER);
        env.put("AUTH_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("AUTH_KEYS_REFRESH_INTERVAL", "2S");
        env.put("AUTH_KEYS_JWKS_MAX_AGE", "60S");
        env.put("AUTH_SESSIONS_REVOCATION_REFRESH_INTERVAL", "1s");
        env.put("AUTH_SESSIONS_RETRY_SECRET_WIPE_INTERVAL", "1s");
        env.put("AUTH_TOKEN_REFRESH_GRACE_PERIOD", GRACE.toSeconds() + "S");
        // every wrong password below comes from an address of its own, so only the username lock counts
        env.put("AUTH_CLIENT_ADDRESS_TRUSTED_PROXIES", "127.0.0.1");
        env.put("QUARKUS_SHUTDOWN_DELAY", SHUTDOWN_DELAY.toSeconds() + "S");
        env.put("QUARKUS_SHUTDOWN_TIMEOUT", SHUTDOWN_TIMEOUT.toSeconds() + "S");
        return env;
    }

    // ------------------------------------------------------------------ HTTP

    private static HttpResponse<String> login(ServiceProcess replica, String username, String password) throws Exception {
        return replica.postJson("/auth/login", JSON.writeValueAsString(Map.of("username", username, "password", password)));
    }

    private static HttpResponse<String> loginFrom(ServiceProcess replica, String username, String password, String address)
            throws Exception {
        return replica.send(HttpRequest.newBuilder(replica.uri("/auth/login")).header("Content-Type", "application/json")
                .header("X-Forwarded-For", address)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", username, "password", password)))));
    }

    private static HttpResponse<String> patientLogin(ServiceProcess replica, String username, String password) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(replica.uri("/auth/login")).timeout(Duration.ofSeconds(150))
                .header("Content-Type", "application/json").header("X-Forwarded-For", nextAddress())
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", username, "password", password))))
                .build();
        return PATIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> refresh(ServiceProcess replica, String refreshToken) throws Exception {
        String form = "grant_type=refresh_token&refresh_token=" + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8);
        return replica.send(HttpRequest.newBuilder(replica.uri("/auth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static HttpResponse<String> json(ServiceProcess replica, String method, String path, String token, String body)
            throws Exception {
        return replica.send(HttpRequest.newBuilder(replica.uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String createUser(ServiceProcess replica, String admin, String username, String role) throws Exception {
        // the policy refuses a password that contains the username
        String password = "Kx81-Vq27-Lm55-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = json(replica, "POST", "/admin/users", admin,
                JSON.writeValueAsString(Map.of("username", username, "password", password, "roles", List.of(role))));
        assertEquals(201, created.statusCode(), created.body());
        return password;
    }

    private static String userId(ServiceProcess replica, String admin, String username) throws Exception {
        HttpResponse<String> found = json(replica, "GET", "/admin/users?search=" + username, admin, "");
        for (JsonNode user : JSON.readTree(found.body()).get("items")) {
            if (user.get("username").asText().equals(username)) {
                return user.get("id").asText();
            }
        }
        throw new AssertionError("no user " + username + ": " + found.body());
    }

    private static Map<String, Long> keyStates(ServiceProcess replica, String admin) throws Exception {
        HttpResponse<String> keys = json(replica, "GET", "/admin/keys", admin, "");
        Map<String, Long> states = new TreeMap<>();
        JSON.readTree(keys.body()).get("items").forEach(k -> states.merge(k.get("state").asText(), 1L, Long::sum));
        return states;
    }

    private static Map<String, JsonNode> jwks(ServiceProcess replica) throws Exception {
        Map<String, JsonNode> byKid = new TreeMap<>();
        JSON.readTree(replica.get("/.well-known/jwks.json").body()).get("keys").forEach(k -> byKid.put(k.get("kid").asText(), k));
        return byKid;
    }

    private static String accessToken(HttpResponse<String> answer) {
        return field(answer, "access_token");
    }

    private static String refreshToken(HttpResponse<String> answer) {
        return field(answer, "refresh_token");
    }

    private static String field(HttpResponse<String> answer, String name) {
        try {
            JsonNode value = JSON.readTree(answer.body()).get(name);
            assertNotNull(value, name + " in " + answer.statusCode() + " " + answer.body());
            return value.asText();
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + answer.body(), e);
        }
    }

    private static String kid(String token) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.')))).get("kid").asText();
    }

    private static String nextAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "198.51." + (n / 250) + "." + (n % 250 + 1);
    }

    private static final Duration NEXT_KEY_SETTLED = Duration.ofSeconds(3);
    private static final String JOB_MET_OUTAGE =
            "Wiping expired retry secrets skipped this round: the database is unavailable";

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    private static String uncheckedLog(ServiceProcess replica) {
        try {
            return replica.log();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ time

    /** Polls {@code condition} every 50 ms until it holds; the time since {@code start}, or an assertion error. */
    private static Duration until(Duration limit, long start, Callable<Boolean> condition) throws Exception {
        long deadline = start + limit.toNanos();
        while (true) {
            if (condition.call()) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit);
            }
            Thread.sleep(50);
        }
    }

    /** Runs {@code count} calls released at the same instant; how many times each result came back. */
    private static Map<Integer, Integer> parallel(int count, IndexedCall call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        CountDownLatch ready = new CountDownLatch(count);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            results.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return call.call(index);
            }));
        }
        ready.await();
        go.countDown();
        Map<Integer, Integer> counts = new TreeMap<>();
        for (Future<Integer> result : results) {
            counts.merge(result.get(180, TimeUnit.SECONDS), 1, Integer::sum);
        }
        pool.shutdown();
        return counts;
    }

    private interface IndexedCall {
        int call(int index) throws Exception;
    }
}
