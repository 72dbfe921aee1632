package dev.tasksservice.infra;

import dev.tasksservice.domain.model.InvalidTaskException;
import dev.tasksservice.domain.model.QueueTarget;
import dev.tasksservice.domain.model.TargetRules;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the stage lets tasks be delivered, set as CDK context ({@code cdk deploy --context targetAllow=...}) and
 * handed to the executor, which delivers, and to the API, which checks a task's target when it is created. Each is
 * blank unless set: no default target (a task without one is only logged), no internal address, no queue.
 *
 * @param defaultTarget context {@value #DEFAULT_TARGET}, variable {@code TASKS_DEFAULT_TARGET}: where a task without a
 *     target goes, an http(s) URL or {@code sqs:} and a queue URL
 * @param targetAllow context {@value #TARGET_ALLOW}, variable {@code TASKS_TARGET_ALLOW}: the internal hosts and
 *     networks targets may reach (comma-separated names, addresses, CIDR networks)
 * @param targetQueues context {@value #TARGET_QUEUES}, variable {@code TASKS_TARGET_QUEUES}: the queues targets may
 *     name, comma-separated queue URLs; the executor may send to these and to the default target's queue only
 */
public record TargetSettings(String defaultTarget, String targetAllow, String targetQueues) {

    public static final String DEFAULT_TARGET = "defaultTarget";
    public static final String TARGET_ALLOW = "targetAllow";
    public static final String TARGET_QUEUES = "targetQueues";

    /** Nothing set: the rules of a stage that says nothing. */
    public static final TargetSettings NONE = new TargetSettings(null, null, null);

    // https://sqs.<region>.amazonaws.com/<account>/<name>, or the legacy <region>.queue.amazonaws.com.
    private static final Pattern SQS_HOST =
            Pattern.compile("(?:sqs\\.([a-z0-9-]+)|([a-z0-9-]+)\\.queue)\\.amazonaws\\.com(?:\\.cn)?");
    private static final Pattern QUEUE_PATH = Pattern.compile("/(\\d{12})/([A-Za-z0-9_-]{1,80}(?:\\.fifo)?)");

    /**
     * Checks the settings as the executor and the API will read them, so that a bad setting fails the synthesis
     * rather than every start of the functions.
     *
     * @throws IllegalArgumentException naming the setting at fault
     */
    public TargetSettings {
        defaultTarget = blankToEmpty(defaultTarget);
        targetAllow = blankToEmpty(targetAllow);
        targetQueues = blankToEmpty(targetQueues);
        TargetRules rules;
        try {
            rules = TargetRules.parse(targetAllow, targetQueues, defaultTarget);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Stack setting refused: " + e.getMessage(), e);
        }
        for (String queue : entries(targetQueues)) {
            if (queue.equals("*")) {
                throw new IllegalArgumentException("Stack setting " + TARGET_QUEUES
                        + ": * would let tasks send to any queue the executor's role reaches; name each queue by its"
                        + " URL");
            }
            checkQueueUrl(TARGET_QUEUES, queue);
        }
        rules.defaultTarget()
                .filter(QueueTarget.class::isInstance)
                .ifPresent(queue -> checkQueueUrl(DEFAULT_TARGET, ((QueueTarget) queue).queueUrl()));
    }

    /** The settings as the executor and the API read them: only those given, by variable name. */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        putIfGiven(environment, "TASKS_DEFAULT_TARGET", defaultTarget);
        putIfGiven(environment, "TASKS_TARGET_ALLOW", targetAllow);
        putIfGiven(environment, "TASKS_TARGET_QUEUES", targetQueues);
        return environment;
    }

    /** The queues the executor may send to: those that {@link #targetQueues} names, and the default target's. */
    public List<QueueAddress> queues() {
        List<String> urls = new ArrayList<>(entries(targetQueues));
        if (defaultTarget.startsWith("sqs:")) {
            urls.add(defaultTarget.substring("sqs:".length()).trim());
        }
        return urls.stream().distinct().map(TargetSettings::address).toList();
    }

    /**
     * A queue as IAM names it, read from its URL.
     *
     * @param region the region the URL names; null when the URL does not say (an emulator's), for the stack's own
     * @param account the account the URL names
     * @param name the queue's name
     */
    public record QueueAddress(String region, String account, String name) {

        public QueueAddress {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(name, "name");
        }
    }

    private static QueueAddress address(String url) {
        URI uri = URI.create(url);
        Matcher path = QUEUE_PATH.matcher(uri.getPath());
        if (!path.matches()) {
            throw new IllegalStateException("checked in the constructor: " + url);
        }
        Matcher host = SQS_HOST.matcher(uri.getHost());
        String region = null;
        if (host.matches()) {
            region = host.group(1) != null ? host.group(1) : host.group(2);
        } else if (uri.getHost().equals("queue.amazonaws.com")) {
            region = "us-east-1";
        }
        return new QueueAddress(region, path.group(1), path.group(2));
    }

    private static void checkQueueUrl(String setting, String url) {
        String problem = null;
        try {
            new QueueTarget(url);
            if (!QUEUE_PATH.matcher(URI.create(url).getPath()).matches()) {
                problem = "its path is not /<12-digit account>/<queue name>";
            }
        } catch (InvalidTaskException | IllegalArgumentException e) {
            problem = e.getMessage();
        }
        if (problem != null) {
            throw new IllegalArgumentException("Stack setting " + setting + ": " + url
                    + " is not a queue URL such as https://sqs.<region>.amazonaws.com/<account>/<name> (" + problem
                    + ")");
        }
    }

    private static List<String> entries(String setting) {
        return Arrays.stream(setting.split(","))
                .map(String::trim)
                .filter(entry -> !entry.isEmpty())
                .toList();
    }

    private static void putIfGiven(Map<String, String> environment, String variable, String value) {
        if (!value.isEmpty()) {
            environment.put(variable, value);
        }
    }

    private static String blankToEmpty(String value) {
        return value == null ? "" : value.strip();
    }
}
