package dev.tasksservice.delivery;

import dev.tasksservice.domain.model.TargetRules;
import dev.tasksservice.domain.port.out.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The HTTP client's name lookup, which refuses a host when any of its addresses is one the deployment does not let
 * targets reach. The client connects only to the addresses this returns, so a name that resolves to an inward
 * address by the time of the delivery is caught, however it resolved when the task was scheduled.
 */
final class GuardedDnsResolver implements DnsResolver {

    private final TargetRules rules;
    private final HostResolver resolver;

    GuardedDnsResolver(TargetRules rules, HostResolver resolver) {
        this.rules = rules;
        this.resolver = resolver;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String bare = bare(host);
        // A literal address is checked as it is; only names are looked up.
        List<InetAddress> addresses = isLiteral(bare) ? List.of(InetAddress.getByName(bare)) : resolver.resolve(bare);
        if (addresses.isEmpty()) {
            throw new UnknownHostException(bare + ": no address");
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = rules.refusal(bare, address);
            if (refusal.isPresent()) {
                throw new RefusedHost(refusal.get());
            }
        }
        return addresses.toArray(InetAddress[]::new);
    }

    /** The host as given: a reverse lookup would only add a query whose answer nothing uses. */
    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }

    /** Why a target naming {@code host} must not be reached, when it is a literal address; empty for names. */
    Optional<String> literalRefusal(String host) throws UnknownHostException {
        String bare = bare(host);
        return isLiteral(bare) ? rules.refusal(bare, InetAddress.getByName(bare)) : Optional.empty();
    }

    static boolean isLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /**
     * A refusal on its way out of the client's connect: an {@link UnknownHostException}, the one checked exception a
     * {@link DnsResolver} may throw; {@link WebhookSender} tells it from a failed lookup by its type.
     */
    static final class RefusedHost extends UnknownHostException {

        RefusedHost(String reason) {
            super(reason);
        }
    }
}
