package io.netpulse.topology.ingest;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.util.Optional;

/**
 * The one canonical text of an IP address, so an inventory entry and a flow's address meet under the same key:
 * IPv4 dotted quad, IPv6 in RFC 5952 form (lower case, longest zero run compressed), an IPv4-mapped IPv6
 * address as its IPv4 address. Parsing never asks DNS: a name is not an address.
 */
public final class IpAddresses {

    private IpAddresses() {
    }

    /** The canonical text of {@code text}, or empty when it is not an IPv4 or IPv6 literal (zone ids refused). */
    public static Optional<String> canonical(String text) {
        if (text == null || text.indexOf('%') >= 0 || !InetAddresses.isInetAddress(text)) {
            return Optional.empty();
        }
        return Optional.of(canonical(InetAddresses.forString(text)));
    }

    /** The canonical text of {@code address}. */
    public static String canonical(InetAddress address) {
        return InetAddresses.toAddrString(address);
    }
}
