package dev.tasksservice.api.web;

import java.math.BigDecimal;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Refuses a request body that could not be kept and given back exactly as sent: a string or member name holding a
 * lone UTF-16 surrogate (escaped as {@code \ud800}; no UTF-8 can carry it, so it would be stored mangled or not be
 * writable at all), or a number no IEEE double can hold (such as {@code 1e999} or {@code 1e-999}), which a reader of
 * the payload could only turn into infinity or zero. Numbers in range are kept with every digit sent. The problem
 * names the member at fault by its path from the body, such as {@code payload.items[2].name}.
 */
final class FaithfulJson {

    private FaithfulJson() {}

    static void check(JsonNode body) {
        check(body, "");
    }

    private static void check(JsonNode node, String path) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                if (hasLoneSurrogate(member.getKey())) {
                    throw new InvalidRequestException(
                            path.isEmpty() ? "body" : path, "has a member name with a lone UTF-16 surrogate");
                }
                check(member.getValue(), path.isEmpty() ? member.getKey() : path + "." + member.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isString() && hasLoneSurrogate(node.stringValue())) {
            throw new InvalidRequestException(
                    path, "must not hold a lone UTF-16 surrogate (half of a pair, such as \\ud800)");
        } else if (node.isNumber() && !fitsDouble(node)) {
            throw new InvalidRequestException(path, "is outside the range of a double (about 4.9e-324 to 1.8e308)");
        }
    }

    private static boolean fitsDouble(JsonNode number) {
        if (number.isDouble() || number.isFloat()) {
            return Double.isFinite(number.doubleValue());
        }
        if (number.isIntegralNumber()) {
            return Double.isFinite(number.bigIntegerValue().doubleValue());
        }
        BigDecimal exact = number.decimalValue();
        double nearest = exact.doubleValue();
        return Double.isFinite(nearest) && (nearest != 0 || exact.signum() == 0);
    }

    static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
