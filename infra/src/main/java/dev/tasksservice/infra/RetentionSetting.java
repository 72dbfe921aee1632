package dev.tasksservice.infra;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * How long the stage keeps finished tasks, set as CDK context ({@code cdk deploy --context retention=7d}) and handed to
 * every Java function as {@code TASKS_RETENTION}: the functions that make a task final set its expiry by it. Unset, the
 * functions keep their default, 30 days.
 *
 * @param value context {@value #CONTEXT}: a whole number of days, hours, minutes or seconds ({@code 7d}, {@code 12h});
 *     null or blank for the default
 */
public record RetentionSetting(String value) {

    public static final String CONTEXT = "retention";

    /** Nothing set: the functions' default. */
    public static final RetentionSetting DEFAULT = new RetentionSetting(null);

    // The forms Spring reads a duration in that a person would write here; a typo fails the synthesis, not every start.
    private static final Pattern DURATION = Pattern.compile("[1-9][0-9]{0,8}[dhms]");

    /** @throws IllegalArgumentException naming the setting when its value is not such a duration */
    public RetentionSetting {
        value = value == null ? "" : value.strip();
        if (!value.isEmpty() && !DURATION.matcher(value).matches()) {
            throw new IllegalArgumentException("Stack setting " + CONTEXT
                    + " must be a whole number of days, hours, minutes or seconds, such as 7d or 12h: '" + value + "'");
        }
    }

    /** The setting as the functions read it: none when unset. */
    public Map<String, String> environment() {
        return value.isEmpty() ? Map.of() : Map.of("TASKS_RETENTION", value);
    }
}
