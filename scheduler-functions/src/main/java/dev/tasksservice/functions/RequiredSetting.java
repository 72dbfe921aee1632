package dev.tasksservice.functions;

import org.springframework.beans.factory.ObjectProvider;

/**
 * A port that a function cannot run without, built only when its setting is given: a Lambda whose setting is missing
 * stops at start with a message naming the variable, instead of failing on its first event or naming a bean type.
 */
final class RequiredSetting {

    private RequiredSetting() {}

    static <T> T of(ObjectProvider<T> port, String function, String variable, String why) {
        T available = port.getIfAvailable();
        if (available == null) {
            throw new IllegalStateException(
                    function + " cannot start: the environment variable " + variable + " is not set (" + why + ").");
        }
        return available;
    }
}
