package dev.tasksservice.domain.model;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The deployment's rules for targets: which internal addresses targets may reach, which queues they may name, and
 * where a task without a target goes.
 *
 * @param allowList the internal hosts and networks targets may reach ({@code TASKS_TARGET_ALLOW})
 * @param allowedQueues queue URL prefixes a queue target may name ({@code TASKS_TARGET_QUEUES}); the default target's
 *     queue is always allowed
 * @param defaultTarget where a task without a target is delivered ({@code TASKS_DEFAULT_TARGET}); empty to only log it
 */
public record TargetRules(TargetAllowList allowList, List<String> allowedQueues, Optional<Target> defaultTarget) {

    /** No internal address, no queue, no default target: the rules of a deployment that sets nothing. */
    public static final TargetRules STRICT = new TargetRules(TargetAllowList.NONE, List.of(), Optional.empty());

    public TargetRules {
        Objects.requireNonNull(allowList, "allowList");
        allowedQueues = List.copyOf(allowedQueues);
        Objects.requireNonNull(defaultTarget, "defaultTarget");
    }

    /**
     * Why a target naming {@code host} must not reach {@code address}, or empty when it may: the address is internal
     * and the allow-list does not name the host or the address.
     */
    public Optional<String> refusal(String host, InetAddress address) {
        String internal = InternalAddresses.classify(address);
        if (internal == null || allowList.allows(host, address)) {
            return Optional.empty();
        }
        return Optional.of(host + " resolves to " + address.getHostAddress() + ", a " + internal
                + " address, which this deployment does not let targets reach (TASKS_TARGET_ALLOW)");
    }

    /** Whether a queue target may name {@code queueUrl}. */
    public boolean allowsQueue(String queueUrl) {
        if (defaultTarget
                .filter(target ->
                        target instanceof QueueTarget queue && queue.queueUrl().equals(queueUrl))
                .isPresent()) {
            return true;
        }
        return allowedQueues.stream().anyMatch(prefix -> prefix.equals("*") || queueUrl.startsWith(prefix));
    }

    /**
     * The rules as a deployment writes them.
     *
     * @param allow {@code TASKS_TARGET_ALLOW}: internal hosts and networks targets may reach; blank for none
     * @param queues {@code TASKS_TARGET_QUEUES}: comma-separated queue URL prefixes queue targets may name, {@code *}
     *     for any; blank for none
     * @param defaultTarget {@code TASKS_DEFAULT_TARGET}: an http(s) URL (a POST to it), or {@code sqs:} followed by a
     *     queue URL; blank to only log tasks without a target
     * @throws IllegalArgumentException naming the setting at fault
     */
    public static TargetRules parse(String allow, String queues, String defaultTarget) {
        List<String> queuePrefixes = queues == null || queues.isBlank()
                ? List.of()
                : java.util.Arrays.stream(queues.split(","))
                        .map(String::trim)
                        .filter(entry -> !entry.isEmpty())
                        .toList();
        return new TargetRules(TargetAllowList.parse(allow), queuePrefixes, parseDefaultTarget(defaultTarget));
    }

    private static Optional<Target> parseDefaultTarget(String setting) {
        if (setting == null || setting.isBlank()) {
            return Optional.empty();
        }
        String value = setting.trim();
        try {
            if (value.startsWith("sqs:")) {
                return Optional.of(new QueueTarget(value.substring("sqs:".length())));
            }
            return Optional.of(HttpTarget.post(HttpTarget.parseUrl(value)));
        } catch (InvalidTaskException e) {
            throw new IllegalArgumentException("TASKS_DEFAULT_TARGET: " + e.field() + " " + e.getMessage(), e);
        }
    }
}
