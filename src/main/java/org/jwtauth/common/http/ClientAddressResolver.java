package org.jwtauth.common.http;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.netty.util.NetUtil;
import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

import org.jwtauth.common.config.AuthConfig;

/**
 * The address a request came from: the socket peer, or the right-most untrusted entry of
 * {@code X-Forwarded-For} when the peer is a configured trusted proxy
 * ({@code auth.client-address.trusted-proxies}). Anything that is not an IP literal is ignored.
 */
@ApplicationScoped
public class ClientAddressResolver {

    private static final String FORWARDED_FOR = "X-Forwarded-For";

    private final TrustedProxies proxies;
    private final CurrentVertxRequest currentRequest;

    @Inject
    public ClientAddressResolver(AuthConfig config, CurrentVertxRequest currentRequest) {
        this(new TrustedProxies(config.clientAddress().trustedProxies().orElse(List.of())), currentRequest);
    }

    ClientAddressResolver(TrustedProxies proxies, CurrentVertxRequest currentRequest) {
        this.proxies = proxies;
        this.currentRequest = currentRequest;
    }

    /** The client address of the given request, normalized; null when the socket has none. */
    public String resolve(HttpServerRequest request) {
        SocketAddress peer = request.remoteAddress();
        return resolve(peer == null ? null : peer.hostAddress(), request.headers().getAll(FORWARDED_FOR));
    }

    String resolve(String peerAddress, List<String> forwardedFor) {
        String client = normalize(peerAddress);
        if (client == null || proxies.isEmpty() || !proxies.contains(client)) {
            return client;
        }
        // walk from the proxy nearest to us towards the client; stop at the first hop we do not trust
        List<String> hops = forwardedFor.stream()
                .flatMap(h -> Arrays.stream(h.split(",")))
                .map(String::strip)
                .toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = normalize(hops.get(i));
            if (hop == null) {
                return client;
            }
            client = hop;
            if (!proxies.contains(hop)) {
                return client;
            }
        }
        return client;
    }

    /** The client address of the request being handled, or null outside an HTTP request. */
    public String current() {
        if (!Arc.container().requestContext().isActive()) {
            return null;
        }
        RoutingContext context = currentRequest.getCurrent();
        return context == null ? null : resolve(context.request());
    }

    private static String normalize(String address) {
        if (address == null) {
            return null;
        }
        String literal = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        InetAddress parsed = NetUtil.createInetAddressFromIpAddressString(literal);
        return parsed == null ? null : NetUtil.toAddressString(parsed);
    }
}
