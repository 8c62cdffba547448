package org.jwtauth.common.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwtauth.testing.Logins.passwordGrant;
import static org.jwtauth.testing.Logins.uniqueAddress;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.jwtauth.testing.LogCapture;
import org.jwtauth.testing.TestUsers;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Clients that hang up: a caller that closes its connection while its request is read or while its
 * password is being hashed is an everyday event under load (load balancers, timeouts, wrk). The
 * service logs no error and no stack trace for it, and keeps answering everyone else.
 */
@QuarkusTest
class ClientDisconnectTest {

    private static final int CALLERS = 8;
    private static final int CALLER_TIMEOUT_MILLIS = 100;

    @TestHTTPResource("/")
    URI base;

    @Test
    void shouldLogNoErrorWhenCallersHangUpMidRequest() throws Exception {
        String username = TestUsers.uniqueName("hangup");
        String password = TestUsers.strongPassword();
        TestUsers.create(username, password, "user");
        String body = "grant_type=password&username=" + username + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        String log;
        try (LogCapture capture = LogCapture.start()) {
            ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
            try {
                List<Callable<Void>> callers = new ArrayList<>();
                for (int i = 0; i < CALLERS; i++) {
                    String address = uniqueAddress();
                    // half of them hang up after the whole request (while it is hashed), half within the body
                    boolean whole = i % 2 == 0;
                    callers.add(() -> hangUp(body, address, whole));
                }
                for (Future<Void> done : pool.invokeAll(callers)) {
                    done.get();
                }
            } finally {
                pool.shutdown();
            }
            // the service still answers everyone else
            assertEquals(200, passwordGrant(username, password, uniqueAddress()).statusCode());
            // the requests that arrived whole are still served to the end (a hash cannot be taken back):
            // wait for their audit lines, so whatever they log on the closed connection is in the capture
            log = awaitLogins(capture, username, CALLERS / 2 + 1);
        }
        assertFalse(log.contains("ERROR"), "an ERROR line for a caller that hung up:\n" + log);
        assertFalse(log.contains("\tat "), "a stack trace for a caller that hung up:\n" + log);
        assertTrue(log.contains("the caller closed the connection"), "the hang-ups are still logged, at DEBUG:\n" + log);
    }

    private static String awaitLogins(LogCapture capture, String username, int expected) {
        // the abandoned hashes finish on worker threads
        String log = await("the logins of the callers that sent their whole request, and the last one")
                .atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(capture::text, text -> logins(text, username) >= expected);
        assertEquals(expected, logins(log, username));
        return log;
    }

    private static long logins(String log, String username) {
        return log.lines().filter(l -> l.contains("type=LOGIN_SUCCESS") && l.contains(username)).count();
    }

    private Void hangUp(String body, String address, boolean whole) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /auth/token HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\n"
                    + "X-Forwarded-For: " + address + "\r\n"
                    + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes, 0, whole ? bytes.length : bytes.length / 2);
            out.flush();
            if (whole) {
                // a client with a short timeout: it waits 100 ms for the answer, then gives up, mostly while the
                // hashes of the four logins are still running. Closing at once instead could beat the server to
                // reading the body (seen in CI), and then that login would never run.
                socket.setSoTimeout(CALLER_TIMEOUT_MILLIS);
                try {
                    socket.getInputStream().read();
                } catch (SocketTimeoutException gaveUp) {
                    // the usual case: the hashes of the other callers are still ahead of this one
                }
            }
        }
        return null;
    }
}
