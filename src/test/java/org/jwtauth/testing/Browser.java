package org.jwtauth.testing;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.http.ContentType;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A browser as the sign-in pages see one: a cookie jar, one client address, redirects not followed
 * (tests read the {@code Location} the service answers), and forms read from the page's HTML.
 */
public final class Browser {

    private static final Pattern HIDDEN = Pattern.compile(
            "<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");

    private final Map<String, String> cookies = new HashMap<>();
    private final String address = Logins.uniqueAddress();

    /** A GET of a path with an already encoded query, e.g. {@code /auth/authorize?client_id=...}. */
    public Response get(String pathAndQuery) {
        return remember(request().urlEncodingEnabled(false).get(pathAndQuery));
    }

    public Response post(String path, Map<String, String> form) {
        return remember(request().contentType(ContentType.URLENC).formParams(form).post(path));
    }

    /** Fills in the sign-in form of {@code page} and posts it. */
    public Response signIn(Response page, String username, String password) {
        Map<String, String> form = hiddenFields(page.asString());
        form.put("username", username);
        form.put("password", password);
        return post("/auth/authorize", form);
    }

    public String cookie(String name) {
        return cookies.get(name);
    }

    public void forget(String cookie) {
        cookies.remove(cookie);
    }

    public String address() {
        return address;
    }

    /** The hidden fields of the page's form, HTML entities decoded. */
    public static Map<String, String> hiddenFields(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher matcher = HIDDEN.matcher(html);
        while (matcher.find()) {
            fields.put(unescape(matcher.group(1)), unescape(matcher.group(2)));
        }
        return fields;
    }

    private RequestSpecification request() {
        return given().redirects().follow(false).cookies(cookies).header("X-Forwarded-For", address);
    }

    private Response remember(Response response) {
        for (Cookie cookie : response.getDetailedCookies()) {
            if (cookie.getMaxAge() == 0 || cookie.getValue().isEmpty()) {
                cookies.remove(cookie.getName());
            } else {
                cookies.put(cookie.getName(), cookie.getValue());
            }
        }
        return response;
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
