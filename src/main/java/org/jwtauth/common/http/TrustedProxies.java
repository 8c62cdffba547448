package org.jwtauth.common.http;

import java.net.InetAddress;
import java.util.List;

import io.netty.util.NetUtil;

/** The configured proxy addresses and CIDR ranges, matched without any DNS look-up. */
final class TrustedProxies {

    private record Range(byte[] network, int prefix) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int fullBytes = prefix / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int remainingBits = prefix % 8;
            if (remainingBits == 0) {
                return true;
            }
            int mask = 0xFF << (8 - remainingBits) & 0xFF;
            return (address[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }

    private final List<Range> ranges;

    TrustedProxies(List<String> entries) {
        this.ranges = entries.stream().map(String::strip).filter(e -> !e.isEmpty()).map(TrustedProxies::range).toList();
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    boolean contains(String address) {
        byte[] bytes = parse(address);
        return bytes != null && ranges.stream().anyMatch(r -> r.contains(bytes));
    }

    /** The bytes of an IP literal, or null when the text is not one (never resolved as a host name). */
    static byte[] parse(String address) {
        if (address == null || address.isEmpty()) {
            return null;
        }
        InetAddress parsed = NetUtil.createInetAddressFromIpAddressString(address);
        return parsed == null ? null : parsed.getAddress();
    }

    private static Range range(String entry) {
        int slash = entry.indexOf('/');
        byte[] network = parse(slash < 0 ? entry : entry.substring(0, slash));
        if (network == null) {
            throw new IllegalArgumentException("auth.client-address.trusted-proxies: '" + entry + "' is not an IP address or CIDR range");
        }
        int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(entry.substring(slash + 1));
        if (prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException("auth.client-address.trusted-proxies: bad prefix in '" + entry + "'");
        }
        return new Range(network, prefix);
    }
}
