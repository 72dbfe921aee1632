package dev.tasksservice.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.domain.model.InternalAddresses;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which addresses a target must not reach unless the deployment allows them, and why. */
class InternalAddressesTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "public",
            value = {
                "127.0.0.1          | loopback",
                "127.255.255.254    | loopback",
                "::1                | loopback",
                "10.0.0.1           | private",
                "10.255.255.255     | private",
                "172.16.0.1         | private",
                "172.31.255.255     | private",
                "192.168.1.1        | private",
                "fec0::1            | private",
                "169.254.169.254    | link-local (metadata service)",
                "169.254.0.1        | link-local (metadata service)",
                "fe80::1            | link-local (metadata service)",
                "fc00::1            | unique local (fc00::/7)",
                "fd12:3456::1       | unique local (fc00::/7)",
                "0.0.0.0            | unspecified",
                "::                 | unspecified",
                "0.1.2.3            | unspecified (0.0.0.0/8)",
                "224.0.0.1          | multicast",
                "239.255.255.250    | multicast",
                "ff02::1            | multicast",
                "100.64.0.1         | shared (100.64.0.0/10)",
                "100.127.255.255    | shared (100.64.0.0/10)",
                "240.0.0.1          | reserved",
                "255.255.255.255    | reserved",
                "8.8.8.8            | public",
                "93.184.216.34      | public",
                "172.15.255.255     | public",
                "172.32.0.1         | public",
                "192.169.0.1        | public",
                "100.63.255.255     | public",
                "100.128.0.1        | public",
                "2606:4700:4700::1111 | public",
            })
    void classifiesAnAddress(String address, String expected) throws UnknownHostException {
        assertThat(InternalAddresses.classify(InetAddress.getByName(address))).isEqualTo(expected);
    }

    /** IPv6 addresses that carry an IPv4 address are what the IPv4 address is. */
    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "public",
            value = {
                // IPv4-mapped, ::ffff:a.b.c.d
                "00000000000000000000ffff7f000001 | loopback",
                "00000000000000000000ffff0a000001 | private",
                "00000000000000000000ffffa9fea9fe | link-local (metadata service)",
                "00000000000000000000ffff08080808 | public",
                // IPv4-compatible, ::a.b.c.d
                "0000000000000000000000000a000001 | private",
                "000000000000000000000000c0a80101 | private",
                // NAT64, 64:ff9b::a.b.c.d
                "0064ff9b00000000000000007f000001 | loopback",
                "0064ff9b0000000000000000a9fea9fe | link-local (metadata service)",
                "0064ff9b000000000000000008080808 | public",
            })
    void classifiesAnIpv6AddressByTheIpv4AddressItCarries(String hex, String expected) throws UnknownHostException {
        // Built as an Inet6Address: InetAddress.getByName turns the mapped form into an Inet4Address.
        InetAddress address = Inet6Address.getByAddress(null, HexFormat.of().parseHex(hex), -1);

        assertThat(address).isInstanceOf(Inet6Address.class);
        assertThat(InternalAddresses.classify(address)).isEqualTo(expected);
    }
}
