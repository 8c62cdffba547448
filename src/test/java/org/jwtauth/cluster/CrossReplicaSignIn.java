package org.jwtauth.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.netty.handler.codec.http.QueryStringDecoder;

import org.jwtauth.testing.Browser;
import org.jwtauth.testing.ServiceProcess;

/**
 * The authorization code flow spread over replicas, as a load balancer without sticky sessions
 * would spread it: the sign-in page from one, the form posted to a second, the code exchanged on a
 * third. It works only when the CSRF key, the browser session and the code are shared state.
 */
final class CrossReplicaSignIn {

    static final String REDIRECT_URI = "https://spa.example/cb";

    private CrossReplicaSignIn() {
    }

    /** The token endpoint's answer to the code exchange. */
    static HttpResponse<String> signIn(ServiceProcess page, ServiceProcess form, ServiceProcess exchange, String clientId,
            String username, String password, String address) throws Exception {
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        String challenge = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        HttpResponse<String> shown = page.get("/auth/authorize?response_type=code&client_id=" + clientId
                + "&redirect_uri=" + encode(REDIRECT_URI) + "&scope=openid&state=cluster&code_challenge=" + challenge
                + "&code_challenge_method=S256");
        assertEquals(200, shown.statusCode(), shown.body());
        String csrfCookie = shown.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("auth_csrf="))
                .findFirst().orElseThrow().split(";")[0];
        Map<String, String> fields = Browser.hiddenFields(shown.body());
        fields.put("username", username);
        fields.put("password", password);
        HttpResponse<String> posted = form.send(HttpRequest.newBuilder(form.uri("/auth/authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", csrfCookie)
                .header("X-Forwarded-For", address)
                .POST(HttpRequest.BodyPublishers.ofString(formOf(fields))));
        assertEquals(303, posted.statusCode(), posted.body());
        String code = new QueryStringDecoder(posted.headers().firstValue("Location").orElseThrow()).parameters()
                .get("code").get(0);
        return exchange.send(HttpRequest.newBuilder(exchange.uri("/auth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formOf(Map.of("grant_type", "authorization_code", "code", code,
                        "redirect_uri", REDIRECT_URI, "code_verifier", verifier, "client_id", clientId)))));
    }

    private static String formOf(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
