package org.jwtauth.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.jwtauth.testing.NoDatabase;

/** Which address counts as the client's: X-Forwarded-For only through trusted proxies, never a host name. */
@NoDatabase
class ClientAddressResolverTest {

    private static ClientAddressResolver trusting(String... proxies) {
        return new ClientAddressResolver(new TrustedProxies(List.of(proxies)), null);
    }

    @Test
    void shouldIgnoreForwardedForWhenNoProxyIsTrusted() {
        assertEquals("203.0.113.9", trusting().resolve("203.0.113.9", List.of("198.51.100.1")));
    }

    @Test
    void shouldIgnoreForwardedForFromAnUntrustedPeer() {
        assertEquals("203.0.113.9", trusting("10.0.0.0/8").resolve("203.0.113.9", List.of("198.51.100.1")));
    }

    @Test
    void shouldTakeTheRightMostUntrustedHop() {
        ClientAddressResolver resolver = trusting("10.0.0.0/8");
        // the left-most entry is whatever the client claimed; only hops our proxies added count
        assertEquals("198.51.100.7", resolver.resolve("10.1.2.3", List.of("1.2.3.4, 198.51.100.7, 10.9.9.9")));
        assertEquals("198.51.100.7", resolver.resolve("10.1.2.3", List.of("1.2.3.4", "198.51.100.7")));
    }

    @Test
    void shouldFallBackToTheProxyWhenAHopIsNotAnAddress() {
        ClientAddressResolver resolver = trusting("10.0.0.0/8");
        assertEquals("10.1.2.3", resolver.resolve("10.1.2.3", List.of("evil.example.com")));
        assertEquals("10.1.2.3", resolver.resolve("10.1.2.3", List.of("1.2.3.4\r\nX-Injected: 1")));
        assertEquals("10.1.2.3", resolver.resolve("10.1.2.3", List.of()));
    }

    @Test
    void shouldNormalizeIpv6() {
        ClientAddressResolver resolver = trusting("::1");
        assertEquals("2001:db8::1", resolver.resolve("0:0:0:0:0:0:0:1", List.of("2001:DB8:0:0:0:0:0:1")));
        assertEquals("2001:db8::1", resolver.resolve("::1", List.of("[2001:db8::1]")));
    }

    @Test
    void shouldMatchCidrRanges() {
        TrustedProxies proxies = new TrustedProxies(List.of("192.168.0.0/23", "2001:db8::/32", "127.0.0.1"));
        assertTrue(proxies.contains("192.168.1.255"));
        assertFalse(proxies.contains("192.168.2.0"));
        assertTrue(proxies.contains("2001:db8:ffff::1"));
        assertFalse(proxies.contains("2001:db9::1"));
        assertTrue(proxies.contains("127.0.0.1"));
        assertFalse(proxies.contains("127.0.0.2"));
        assertFalse(proxies.contains("localhost"));
    }

    @Test
    void shouldRefuseAMistypedProxySetting() {
        assertThrows(IllegalArgumentException.class, () -> new TrustedProxies(List.of("proxy.internal")));
        assertThrows(IllegalArgumentException.class, () -> new TrustedProxies(List.of("10.0.0.0/33")));
    }
}
