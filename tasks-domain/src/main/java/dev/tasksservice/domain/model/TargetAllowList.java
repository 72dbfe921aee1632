package dev.tasksservice.domain.model;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The internal hosts and networks a deployment lets targets reach ({@code TASKS_TARGET_ALLOW}): a comma-separated list
 * of host names ({@code localhost}), addresses ({@code 10.0.0.7}) and networks in CIDR form ({@code 10.1.0.0/16},
 * {@code ::1/128}). A name allows what it resolves to only when the target names it.
 */
public final class TargetAllowList {

    public static final TargetAllowList NONE = new TargetAllowList(List.of(), List.of());

    private final List<String> hosts;
    private final List<Network> networks;

    private TargetAllowList(List<String> hosts, List<Network> networks) {
        this.hosts = List.copyOf(hosts);
        this.networks = List.copyOf(networks);
    }

    /** Parses the setting; blank means none. */
    public static TargetAllowList parse(String setting) {
        if (setting == null || setting.isBlank()) {
            return NONE;
        }
        List<String> hosts = new ArrayList<>();
        List<Network> networks = new ArrayList<>();
        for (String raw : setting.split(",")) {
            String entry = raw.trim().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.contains("/")) {
                networks.add(Network.parse(entry));
            } else if (entry.contains(":") || entry.matches("[0-9.]+")) {
                networks.add(Network.parse(entry + (entry.contains(":") ? "/128" : "/32")));
            } else {
                hosts.add(entry);
            }
        }
        return new TargetAllowList(hosts, networks);
    }

    /** Whether a target that names {@code host} may reach {@code address}. */
    public boolean allows(String host, InetAddress address) {
        if (host != null && hosts.contains(host.toLowerCase(Locale.ROOT))) {
            return true;
        }
        return networks.stream().anyMatch(network -> network.contains(address));
    }

    @Override
    public String toString() {
        List<String> entries = new ArrayList<>(hosts);
        networks.forEach(network -> entries.add(network.toString()));
        return String.join(",", entries);
    }

    private record Network(byte[] prefix, int bits, String text) {

        static Network parse(String cidr) {
            String[] parts = cidr.split("/", 2);
            try {
                // Only literal addresses reach here, so no name is looked up.
                byte[] address = InetAddress.getByName(parts[0]).getAddress();
                int bits = Integer.parseInt(parts[1]);
                if (bits < 0 || bits > address.length * 8) {
                    throw new IllegalArgumentException("TASKS_TARGET_ALLOW: bad prefix length in " + cidr);
                }
                return new Network(address, bits, cidr);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("TASKS_TARGET_ALLOW: not an address or network: " + cidr, e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((candidate[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
