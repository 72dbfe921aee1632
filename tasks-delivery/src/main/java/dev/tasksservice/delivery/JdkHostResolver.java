package dev.tasksservice.delivery;

import dev.tasksservice.domain.port.out.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Looks host names up as the JVM does ({@link InetAddress#getAllByName}): the system resolver, with its cache. */
public final class JdkHostResolver implements HostResolver {

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        return List.of(InetAddress.getAllByName(host));
    }
}
