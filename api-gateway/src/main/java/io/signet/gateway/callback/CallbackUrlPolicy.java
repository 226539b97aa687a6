package io.signet.gateway.callback;

import io.signet.gateway.auth.RpClient;
import io.signet.gateway.error.ApiException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Refuses callback URLs that would let an RP make Signet call into a private network (SSRF): https only (http to
 * loopback in the dev profile), and every address the host resolves to must be public unless allow-listed by host
 * name or CIDR. The notifier must repeat the address check when it connects (DNS answers can change). Thread-safe.
 */
public final class CallbackUrlPolicy {

    private static final List<AddressBlock> BLOCKED = List.of(
            AddressBlock.parse("0.0.0.0/8", "unspecified"),
            AddressBlock.parse("10.0.0.0/8", "private"),
            AddressBlock.parse("100.64.0.0/10", "carrier-grade NAT"),
            AddressBlock.parse("127.0.0.0/8", "loopback"),
            AddressBlock.parse("169.254.0.0/16", "link-local"),
            AddressBlock.parse("172.16.0.0/12", "private"),
            AddressBlock.parse("192.0.0.0/24", "IETF protocol assignments"),
            AddressBlock.parse("192.168.0.0/16", "private"),
            AddressBlock.parse("198.18.0.0/15", "benchmarking"),
            AddressBlock.parse("224.0.0.0/4", "multicast"),
            AddressBlock.parse("240.0.0.0/4", "reserved"),
            AddressBlock.parse("::/128", "unspecified"),
            AddressBlock.parse("::1/128", "loopback"),
            AddressBlock.parse("fc00::/7", "unique local"),
            AddressBlock.parse("fe80::/10", "link-local"),
            AddressBlock.parse("fec0::/10", "site-local"),
            AddressBlock.parse("ff00::/8", "multicast"));

    private final HostResolver resolver;
    private final List<String> globalAllowList;
    private final boolean devHttpLoopback;

    public CallbackUrlPolicy(HostResolver resolver, List<String> globalAllowList, boolean devHttpLoopback) {
        this.resolver = resolver;
        this.globalAllowList = List.copyOf(globalAllowList);
        this.devHttpLoopback = devHttpLoopback;
        globalAllowList.stream().filter(AddressBlock::isCidr).forEach(e -> AddressBlock.parse(e, "allow-list"));
    }

    /** @throws ApiException 422 saying why the URL is refused */
    public void check(String callbackUrl, RpClient client) {
        URI uri;
        try {
            uri = new URI(callbackUrl);
        } catch (URISyntaxException e) {
            throw ApiException.unprocessable("callbackUrl is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!uri.isAbsolute() || host == null || host.isEmpty()) {
            throw ApiException.unprocessable("callbackUrl must be an absolute https URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw ApiException.unprocessable("callbackUrl must not contain user credentials");
        }
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw ApiException.unprocessable("callbackUrl must use https");
        }
        if (scheme.equals("http")) {
            checkDevHttp(host);
            return; // dev profile, loopback only: the local callback receiver of the embedded default
        }
        List<InetAddress> addresses = resolve(stripBrackets(host));
        List<String> allowList = new ArrayList<>(globalAllowList);
        allowList.addAll(client.callbackAllowList());
        boolean hostAllowed = allowList.stream().anyMatch(e -> !AddressBlock.isCidr(e) && e.equalsIgnoreCase(host));
        if (hostAllowed) {
            return;
        }
        List<AddressBlock> allowedBlocks = allowList.stream()
                .filter(AddressBlock::isCidr)
                .map(e -> AddressBlock.parse(e, "allow-list"))
                .toList();
        for (InetAddress address : addresses) {
            byte[] bytes = normalise(address);
            if (allowedBlocks.stream().anyMatch(b -> b.contains(bytes))) {
                continue;
            }
            Optional<AddressBlock> blocked =
                    BLOCKED.stream().filter(b -> b.contains(bytes)).findFirst();
            if (blocked.isPresent()) {
                throw ApiException.unprocessable(
                        "callbackUrl resolves to a " + blocked.get().label() + " address, which is not allowed");
            }
        }
    }

    private void checkDevHttp(String host) {
        if (!devHttpLoopback) {
            throw ApiException.unprocessable("callbackUrl must use https");
        }
        boolean loopback;
        try {
            List<InetAddress> addresses = resolver.resolve(stripBrackets(host));
            loopback = !addresses.isEmpty() && addresses.stream().allMatch(CallbackUrlPolicy::isLoopback);
        } catch (UnknownHostException e) {
            loopback = false;
        }
        if (!loopback) {
            throw ApiException.unprocessable("callbackUrl must use https (http only to loopback in the dev profile)");
        }
    }

    private List<InetAddress> resolve(String host) {
        try {
            List<InetAddress> addresses = resolver.resolve(host);
            if (addresses.isEmpty()) {
                throw ApiException.unprocessable("callbackUrl host does not resolve");
            }
            return addresses;
        } catch (UnknownHostException e) {
            throw ApiException.unprocessable("callbackUrl host does not resolve");
        }
    }

    private static boolean isLoopback(InetAddress address) {
        byte[] bytes = normalise(address);
        return BLOCKED.stream().anyMatch(b -> b.label().equals("loopback") && b.contains(bytes));
    }

    /** IPv4-mapped and IPv4-compatible IPv6 addresses are checked as the IPv4 address they carry. */
    private static byte[] normalise(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address && bytes.length == 16) {
            boolean firstTenZero = true;
            for (int i = 0; i < 10; i++) {
                firstTenZero &= bytes[i] == 0;
            }
            boolean mapped = firstTenZero && (bytes[10] & 0xFF) == 0xFF && (bytes[11] & 0xFF) == 0xFF;
            if (mapped) {
                return new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]};
            }
        }
        return bytes;
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
