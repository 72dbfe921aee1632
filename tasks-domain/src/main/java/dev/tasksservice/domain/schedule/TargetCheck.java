package dev.tasksservice.domain.schedule;

import dev.tasksservice.domain.model.HttpTarget;
import dev.tasksservice.domain.model.InvalidTaskException;
import dev.tasksservice.domain.model.QueueTarget;
import dev.tasksservice.domain.model.Target;
import dev.tasksservice.domain.model.TargetRules;
import dev.tasksservice.domain.port.out.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Checks a target against the deployment's rules when a task is scheduled or changed. The delivery checks the
 * addresses again when it connects, since a name may resolve elsewhere by then; a name that resolves to nothing yet is
 * accepted here for that reason.
 */
public class TargetCheck {

    private final TargetRules rules;
    private final HostResolver resolver;

    public TargetCheck(TargetRules rules, HostResolver resolver) {
        this.rules = rules;
        this.resolver = resolver;
    }

    /**
     * @throws InvalidTaskException naming {@code target.url} or {@code target.queueUrl} when the target is refused
     */
    public void check(Target target) {
        if (target instanceof HttpTarget http) {
            checkHost(http.host());
        } else if (target instanceof QueueTarget queue && !rules.allowsQueue(queue.queueUrl())) {
            throw new InvalidTaskException(
                    "target.queueUrl", "is not among the queues this deployment allows (TASKS_TARGET_QUEUES)");
        }
    }

    static boolean isLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    private void checkHost(String host) {
        List<InetAddress> addresses;
        try {
            // A literal address is checked as it is; only names are looked up.
            addresses = isLiteral(host) ? List.of(InetAddress.getByName(host)) : resolver.resolve(host);
        } catch (UnknownHostException e) {
            return;
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = rules.refusal(host, address);
            if (refusal.isPresent()) {
                throw new InvalidTaskException("target.url", refusal.get());
            }
        }
    }
}
