package io.signet.notifier.delivery.internal;

import java.util.regex.Pattern;

/** Recognises IP address literals, so that they are parsed and never looked up in DNS. */
public final class Literals {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private Literals() {}

    /** True for a dotted IPv4 address or an IPv6 address (with or without brackets). */
    public static boolean isAddressLiteral(String host) {
        return IPV4.matcher(host).matches() || host.indexOf(':') >= 0 || host.startsWith("[");
    }

    /** The host of a URI without IPv6 brackets. */
    public static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
