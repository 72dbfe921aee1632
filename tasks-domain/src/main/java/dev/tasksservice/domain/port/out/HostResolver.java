package dev.tasksservice.domain.port.out;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Looks up the addresses a host name stands for: a port so that tests can make a name resolve anywhere. */
public interface HostResolver {

    /**
     * @throws UnknownHostException when the name resolves to nothing
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
