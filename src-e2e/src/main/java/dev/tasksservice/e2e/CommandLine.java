package dev.tasksservice.e2e;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code --name value} and {@code --name=value} arguments the check commands (Bench, Chaos) take. */
final class CommandLine {

    private CommandLine() {}

    static boolean wantsHelp(String[] args) {
        return List.of(args).contains("--help") || List.of(args).contains("-h");
    }

    /**
     * The value given for each option, stripped.
     *
     * @throws IllegalArgumentException for an option not in {@code known}, or one without a value
     */
    static Map<String, String> options(String[] args, Set<String> known) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
            if (arg.contains("=")) {
                given.put(name, arg.substring(arg.indexOf('=') + 1).strip());
            } else if (i + 1 < args.length) {
                given.put(name, args[++i].strip());
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
        }
        return given;
    }
}
