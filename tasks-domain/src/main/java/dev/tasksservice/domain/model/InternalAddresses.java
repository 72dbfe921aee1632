package dev.tasksservice.domain.model;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * The addresses a target must not reach unless the deployment allows them: loopback, private, link-local (the cloud
 * metadata service at 169.254.169.254 among them), multicast and unspecified addresses, in IPv4, IPv6 and the IPv6
 * forms that carry an IPv4 address.
 */
public final class InternalAddresses {

    private InternalAddresses() {}

    /** Why {@code address} is internal ("loopback", "private", ...), or null when it is a public address. */
    public static String classify(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            if (v6.isLoopbackAddress()) {
                // ::1, which would otherwise read as the IPv4-compatible form of 0.0.0.1.
                return "loopback";
            }
            byte[] bytes = v6.getAddress();
            InetAddress embedded = embeddedIpv4(bytes);
            if (embedded != null) {
                return classify(embedded);
            }
            if ((bytes[0] & 0xfe) == 0xfc) {
                return "unique local (fc00::/7)";
            }
        }
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local (metadata service)";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        if (address instanceof Inet4Address v4) {
            byte[] b = v4.getAddress();
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return "unspecified (0.0.0.0/8)";
            }
            if (first == 100 && second >= 64 && second < 128) {
                return "shared (100.64.0.0/10)";
            }
            if (first >= 240) {
                return "reserved";
            }
        }
        return null;
    }

    /** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) or NAT64 address. */
    private static InetAddress embeddedIpv4(byte[] v6) {
        boolean mapped = allZero(v6, 0, 10) && (v6[10] & 0xff) == 0xff && (v6[11] & 0xff) == 0xff;
        boolean compatible = allZero(v6, 0, 12) && !allZero(v6, 12, 16);
        boolean nat64 = (v6[0] & 0xff) == 0x00
                && (v6[1] & 0xff) == 0x64
                && (v6[2] & 0xff) == 0xff
                && (v6[3] & 0xff) == 0x9b
                && allZero(v6, 4, 12);
        if (!mapped && !compatible && !nat64) {
            return null;
        }
        try {
            return InetAddress.getByAddress(new byte[] {v6[12], v6[13], v6[14], v6[15]});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
