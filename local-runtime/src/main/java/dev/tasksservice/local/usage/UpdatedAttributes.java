package dev.tasksservice.local.usage;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The top-level attributes an update expression sets and removes, names resolved: enough to tell whether it changes
 * an index key.
 *
 * @param set the attributes of its SET (and ADD) clauses
 * @param removed the attributes of its REMOVE (and DELETE) clauses
 */
record UpdatedAttributes(Set<String> set, Set<String> removed) {

    private static final Pattern CLAUSE = Pattern.compile("(?i)\\b(SET|REMOVE|ADD|DELETE)\\s");

    static UpdatedAttributes of(String expression, Map<String, String> names) {
        Set<String> set = new HashSet<>();
        Set<String> removed = new HashSet<>();
        if (expression == null) {
            return new UpdatedAttributes(set, removed);
        }
        Matcher clause = CLAUSE.matcher(expression);
        int start = -1;
        String keyword = null;
        while (true) {
            boolean found = clause.find();
            if (keyword != null) {
                String body = expression.substring(start, found ? clause.start() : expression.length());
                Set<String> into = keyword.equals("SET") || keyword.equals("ADD") ? set : removed;
                for (String action : body.split(",")) {
                    String path = action.strip().split("[\\s=.\\[()]", 2)[0];
                    if (!path.isEmpty() && !path.startsWith(":") && !path.startsWith("if_not_exists")) {
                        into.add(names == null ? path : names.getOrDefault(path, path));
                    }
                }
            }
            if (!found) {
                return new UpdatedAttributes(set, removed);
            }
            keyword = clause.group(1).toUpperCase(java.util.Locale.ROOT);
            start = clause.end();
        }
    }
}
