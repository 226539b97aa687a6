package io.signet.gateway.callback;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** A CIDR block; parsing and matching for IPv4 and IPv6. Immutable. */
record AddressBlock(byte[] network, int prefixLength, String label) {

    static AddressBlock parse(String cidr, String label) {
        int slash = cidr.indexOf('/');
        String address = slash < 0 ? cidr : cidr.substring(0, slash);
        if (!address.matches("[0-9a-fA-F:.]+")) {
            // Only literals: InetAddress.getByName would otherwise resolve a host name.
            throw new IllegalArgumentException("Not an IP address or CIDR block: " + cidr);
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("Bad prefix length in " + cidr);
            }
            return new AddressBlock(bytes, prefix, label);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("Not an IP address or CIDR block: " + cidr, e);
        }
    }

    static boolean isCidr(String entry) {
        return entry.contains("/") || entry.matches("[0-9.]+") || entry.contains(":");
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        if (!Arrays.equals(address, 0, fullBytes, network, 0, fullBytes)) {
            return false;
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (address[fullBytes] & mask) == (network[fullBytes] & mask);
    }
}
