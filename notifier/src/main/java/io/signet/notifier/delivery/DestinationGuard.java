package io.signet.notifier.delivery;

import io.signet.notifier.delivery.internal.Cidr;
import io.signet.notifier.delivery.internal.Literals;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The SSRF guard: resolves a callback URL's host at send time and refuses it unless every address it resolves to
 * is public (or allow-listed). The caller then connects to the returned address, so that a second DNS answer
 * (rebinding) cannot switch the destination between check and connect. Thread-safe (immutable).
 */
public final class DestinationGuard {

    /** Blocks that {@link InetAddress}'s own predicates do not cover. */
    private static final List<Cidr> FORBIDDEN = List.of(
            Cidr.parse("0.0.0.0/8"), // "this" network
            Cidr.parse("100.64.0.0/10"), // carrier-grade NAT
            Cidr.parse("192.0.0.0/24"), // IETF protocol assignments
            Cidr.parse("198.18.0.0/15"), // benchmarking
            Cidr.parse("240.0.0.0/4"), // reserved, and the limited broadcast address
            Cidr.parse("::/96"), // unspecified, loopback and IPv4-compatible addresses
            Cidr.parse("64:ff9b::/96"), // NAT64, which would reach any IPv4 address
            Cidr.parse("fc00::/7"), // unique local addresses
            Cidr.parse("2001:db8::/32")); // documentation

    private final HostResolver resolver;
    private final Set<String> allowedHosts;
    private final List<Cidr> allowedBlocks;
    private final boolean allowHttp;

    public DestinationGuard(HostResolver resolver, CallbackProperties properties) {
        this.resolver = resolver;
        this.allowedHosts = properties.allowList().stream()
                .filter(entry -> !entry.contains("/") && !Literals.isAddressLiteral(entry))
                .map(entry -> entry.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.allowedBlocks = properties.allowList().stream()
                .filter(entry -> entry.contains("/") || Literals.isAddressLiteral(entry))
                .map(Cidr::parse)
                .toList();
        this.allowHttp = properties.allowHttp();
    }

    /** The address to connect to for {@code url}, or why it is refused. */
    public Destination check(URI url) throws RefusedDestinationException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw new RefusedDestinationException("scheme not allowed: " + scheme);
        }
        if (url.getRawUserInfo() != null) {
            throw new RefusedDestinationException("credentials in the URL are not allowed");
        }
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            throw new RefusedDestinationException("URL has no host");
        }
        String bareHost = Literals.unbracket(host).toLowerCase(Locale.ROOT);
        List<InetAddress> addresses = resolve(bareHost);
        boolean hostAllowed = allowedHosts.contains(bareHost);
        for (InetAddress address : addresses) {
            // Every answer must pass: a resolver may hand out a public and a private address together.
            if (!hostAllowed && forbidden(address) && !allowListed(address)) {
                throw new RefusedDestinationException(
                        "host " + bareHost + " resolves to a non-public address " + address.getHostAddress());
            }
        }
        int port = url.getPort() >= 0 ? url.getPort() : scheme.equals("https") ? 443 : 80;
        return new Destination(scheme, bareHost, port, addresses.getFirst());
    }

    private List<InetAddress> resolve(String host) throws RefusedDestinationException {
        try {
            List<InetAddress> addresses = Literals.isAddressLiteral(host)
                    ? List.of(InetAddress.getByName(host)) // a literal: parsed, no lookup
                    : resolver.resolve(host);
            if (addresses.isEmpty()) {
                throw new RefusedDestinationException("host " + host + " has no address");
            }
            return addresses;
        } catch (UnknownHostException e) {
            throw new RefusedDestinationException("host " + host + " cannot be resolved");
        }
    }

    private boolean allowListed(InetAddress address) {
        return allowedBlocks.stream().anyMatch(block -> block.contains(address));
    }

    /** True for loopback, private, link-local, multicast, unspecified, CGNAT, ULA and other non-public addresses. */
    public static boolean forbidden(InetAddress address) {
        return address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()
                || FORBIDDEN.stream().anyMatch(block -> block.contains(address));
    }

    /**
     * A checked destination.
     *
     * @param scheme {@code http} or {@code https}
     * @param host host name as written in the URL (lower case, no brackets)
     * @param port port to connect to
     * @param address the checked address to connect to
     */
    public record Destination(String scheme, String host, int port, InetAddress address) {}
}
