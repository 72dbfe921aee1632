package dev.tasksservice.infra;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The clients of a stage's API, set as CDK context {@value #CONTEXT}: each gets an API key and a usage plan of its own.
 * The setting is a comma-separated list of clients, each a name with optional limits after colons, for example
 * {@code acme:rate=10:burst=20:quota=10000,beta}; a limit not given takes its default. Nothing set: one client
 * {@value #DEFAULT_CLIENT}, so that a fresh deployment can be called at all.
 *
 * @param clients at least one, names unique
 */
public record ApiClients(List<Client> clients) {

    public static final String CONTEXT = "apiClients";
    public static final String DEFAULT_CLIENT = "default";

    public static final double DEFAULT_RATE = 10;
    public static final int DEFAULT_BURST = 20;
    public static final int DEFAULT_QUOTA = 10_000;

    /** Lower-case letters, digits and single dashes: the name ends up in key, plan and output names. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(?:-[a-z0-9]+)*");

    private static final int MAX_NAME_LENGTH = 64;
    /** CloudFormation allows 200 outputs a stack; each client takes two. */
    private static final int MAX_CLIENTS = 50;

    /** The one client of a stage that names none (declared after the rules it is checked by). */
    public static final ApiClients DEFAULT = new ApiClients(List.of(Client.withDefaults(DEFAULT_CLIENT)));

    public ApiClients {
        clients = List.copyOf(clients);
        if (clients.isEmpty()) {
            throw new IllegalArgumentException("Stack setting " + CONTEXT + ": name at least one client");
        }
        if (clients.size() > MAX_CLIENTS) {
            throw new IllegalArgumentException(
                    "Stack setting " + CONTEXT + ": at most " + MAX_CLIENTS + " clients, got " + clients.size());
        }
        Map<String, String> byOutputSuffix = new HashMap<>();
        for (Client client : clients) {
            String other = byOutputSuffix.putIfAbsent(client.outputSuffix(), client.name());
            if (other != null) {
                throw new IllegalArgumentException("Stack setting " + CONTEXT + ": client " + client.name()
                        + (other.equals(client.name())
                                ? " is named twice"
                                : " and client " + other + " would have the same output names"));
            }
        }
    }

    /**
     * The clients the setting names, or {@link #DEFAULT} when it is null or blank.
     *
     * @throws IllegalArgumentException naming the client and the part at fault
     */
    public static ApiClients parse(String setting) {
        if (setting == null || setting.isBlank()) {
            return DEFAULT;
        }
        List<Client> clients = new ArrayList<>();
        for (String entry : setting.split(",", -1)) {
            clients.add(Client.parse(entry.strip()));
        }
        return new ApiClients(clients);
    }

    /**
     * A client of the API and the limits of its usage plan.
     *
     * @param name what its key and plan are named by, with the stage
     * @param rate requests a second, on average
     * @param burst requests at once above the rate
     * @param quota requests a day (UTC)
     */
    public record Client(String name, double rate, int burst, int quota) {

        public Client {
            Objects.requireNonNull(name, "name");
            if (name.length() > MAX_NAME_LENGTH || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("Stack setting " + CONTEXT + ": client name '" + name
                        + "' must be 1 to " + MAX_NAME_LENGTH
                        + " lower-case letters, digits and single dashes, starting with a letter");
            }
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw limit(name, "rate", rate);
            }
            if (burst < 1) {
                throw limit(name, "burst", burst);
            }
            if (quota < 1) {
                throw limit(name, "quota", quota);
            }
        }

        static Client withDefaults(String name) {
            return new Client(name, DEFAULT_RATE, DEFAULT_BURST, DEFAULT_QUOTA);
        }

        /** {@code name} or {@code name:rate=10:burst=20:quota=10000}, the limits in any order, each optional. */
        static Client parse(String entry) {
            String[] parts = entry.split(":", -1);
            String name = parts[0].strip();
            Map<String, String> limits = new LinkedHashMap<>();
            for (int i = 1; i < parts.length; i++) {
                String[] nameValue = parts[i].split("=", 2);
                String limit = nameValue[0].strip();
                if (nameValue.length != 2 || !List.of("rate", "burst", "quota").contains(limit)) {
                    throw new IllegalArgumentException("Stack setting " + CONTEXT + ": client '" + name + "': '"
                            + parts[i] + "' is not rate=<requests a second>, burst=<requests> or"
                            + " quota=<requests a day>");
                }
                if (limits.put(limit, nameValue[1].strip()) != null) {
                    throw new IllegalArgumentException(
                            "Stack setting " + CONTEXT + ": client '" + name + "' sets " + limit + " twice");
                }
            }
            return new Client(
                    name,
                    limits.containsKey("rate") ? number(name, "rate", limits.get("rate")) : DEFAULT_RATE,
                    limits.containsKey("burst") ? whole(name, "burst", limits.get("burst")) : DEFAULT_BURST,
                    limits.containsKey("quota") ? whole(name, "quota", limits.get("quota")) : DEFAULT_QUOTA);
        }

        /** The name as part of an output's name: {@code acme-eu} gives {@code AcmeEu}. */
        String outputSuffix() {
            StringBuilder suffix = new StringBuilder();
            for (String part : name.split("-")) {
                suffix.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
            return suffix.toString();
        }

        private static double number(String client, String limit, String value) {
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw limit(client, limit, value);
            }
        }

        private static int whole(String client, String limit, String value) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw limit(client, limit, value);
            }
        }

        private static IllegalArgumentException limit(String client, String limit, Object value) {
            return new IllegalArgumentException("Stack setting " + CONTEXT + ": client '" + client + "': " + limit
                    + " must be a positive " + ("rate".equals(limit) ? "number" : "whole number") + ", got '" + value
                    + "'");
        }
    }
}
