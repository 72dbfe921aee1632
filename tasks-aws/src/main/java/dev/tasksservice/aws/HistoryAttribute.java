package dev.tasksservice.aws;

import dev.tasksservice.domain.model.Attempt;
import dev.tasksservice.domain.model.AttemptOutcome;
import dev.tasksservice.domain.model.Timestamps;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A task's attempt history as one DynamoDB list of maps, oldest first: {@code {number, startedAt, durationMs, outcome,
 * httpStatus, error, nextAttemptAt}}, the last three left out when null. Instants have the text form of
 * {@link Timestamps}, durations are whole milliseconds.
 */
final class HistoryAttribute {

    static final String NUMBER = "number";
    static final String STARTED_AT = "startedAt";
    static final String DURATION_MS = "durationMs";
    static final String OUTCOME = "outcome";
    static final String HTTP_STATUS = "httpStatus";
    static final String ERROR = "error";
    static final String NEXT_ATTEMPT_AT = "nextAttemptAt";

    private HistoryAttribute() {}

    static AttributeValue of(List<Attempt> history) {
        return AttributeValue.fromL(
                history.stream().map(HistoryAttribute::entry).toList());
    }

    static List<Attempt> from(AttributeValue value) {
        return value.l().stream().map(HistoryAttribute::attempt).toList();
    }

    private static AttributeValue entry(Attempt attempt) {
        Map<String, AttributeValue> map = new HashMap<>();
        map.put(NUMBER, TaskItem.n(attempt.number()));
        map.put(STARTED_AT, TaskItem.s(Timestamps.format(attempt.startedAt())));
        map.put(DURATION_MS, TaskItem.n(attempt.duration().toMillis()));
        map.put(OUTCOME, TaskItem.s(attempt.outcome().name()));
        if (attempt.httpStatus() != null) {
            map.put(HTTP_STATUS, TaskItem.n(attempt.httpStatus()));
        }
        if (attempt.error() != null) {
            map.put(ERROR, TaskItem.s(attempt.error()));
        }
        if (attempt.nextAttemptAt() != null) {
            map.put(NEXT_ATTEMPT_AT, TaskItem.s(Timestamps.format(attempt.nextAttemptAt())));
        }
        return AttributeValue.fromM(map);
    }

    private static Attempt attempt(AttributeValue value) {
        Map<String, AttributeValue> map = value.m();
        return new Attempt(
                Integer.parseInt(map.get(NUMBER).n()),
                Timestamps.parse(map.get(STARTED_AT).s()),
                Duration.ofMillis(Long.parseLong(map.get(DURATION_MS).n())),
                AttemptOutcome.valueOf(map.get(OUTCOME).s()),
                map.containsKey(HTTP_STATUS)
                        ? Integer.valueOf(map.get(HTTP_STATUS).n())
                        : null,
                map.containsKey(ERROR) ? map.get(ERROR).s() : null,
                map.containsKey(NEXT_ATTEMPT_AT)
                        ? Timestamps.parse(map.get(NEXT_ATTEMPT_AT).s())
                        : null);
    }
}
