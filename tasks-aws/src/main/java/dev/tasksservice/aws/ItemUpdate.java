package dev.tasksservice.aws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One UpdateItem's expressions in the making: SET and REMOVE clauses, a condition, and the placeholders they use. Every
 * attribute is named by a placeholder ({@code #name}), since several of the table's names ({@code timestamp}, say) are
 * DynamoDB reserved words, and only the placeholders that the expressions use are sent, as DynamoDB demands.
 */
final class ItemUpdate {

    private final List<String> sets = new ArrayList<>();
    private final List<String> removes = new ArrayList<>();
    private final List<String> conditions = new ArrayList<>();
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();

    /** Sets {@code attribute} to {@code value}. */
    ItemUpdate set(String attribute, AttributeValue value) {
        sets.add(name(attribute) + " = " + value(attribute + "New", value));
        return this;
    }

    /** Sets {@code attribute} to {@code value}, or removes it when {@code value} is null. */
    ItemUpdate setOrRemove(String attribute, AttributeValue value) {
        return value == null ? remove(attribute) : set(attribute, value);
    }

    /** {@link #setOrRemove} for a string attribute. */
    ItemUpdate setOrRemove(String attribute, String value) {
        return setOrRemove(attribute, value == null ? null : TaskItem.s(value));
    }

    /** Sets {@code attribute} to the item's {@code other} attribute plus {@code value}, both numbers. */
    ItemUpdate setSum(String attribute, String other, AttributeValue value) {
        sets.add(name(attribute) + " = " + name(other) + " + " + value(attribute + "Plus", value));
        return this;
    }

    ItemUpdate remove(String attribute) {
        removes.add(name(attribute));
        return this;
    }

    /**
     * Adds a condition, joined to the others by AND; {@code condition} names attributes and values by the
     * placeholders that {@link #name} and {@link #value} give.
     */
    ItemUpdate condition(String condition) {
        conditions.add("(" + condition + ")");
        return this;
    }

    /** The placeholder of {@code attribute}. */
    String name(String attribute) {
        String placeholder = "#" + attribute;
        names.put(placeholder, attribute);
        return placeholder;
    }

    /** The placeholder of {@code value}, under a {@code key} unique within this update. */
    String value(String key, AttributeValue value) {
        String placeholder = ":" + key;
        AttributeValue before = values.put(placeholder, value);
        if (before != null && !before.equals(value)) {
            throw new IllegalArgumentException("Two values under " + placeholder);
        }
        return placeholder;
    }

    String updateExpression() {
        String update = sets.isEmpty() ? "" : "SET " + String.join(", ", sets);
        if (!removes.isEmpty()) {
            update += (update.isEmpty() ? "" : " ") + "REMOVE " + String.join(", ", removes);
        }
        return update;
    }

    String conditionExpression() {
        return String.join(" AND ", conditions);
    }

    Map<String, String> names() {
        return Map.copyOf(names);
    }

    Map<String, AttributeValue> values() {
        return Map.copyOf(values);
    }
}
