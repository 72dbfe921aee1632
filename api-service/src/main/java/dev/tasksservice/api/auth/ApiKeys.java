package dev.tasksservice.api.auth;

import dev.tasksservice.domain.model.TenantId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Local API keys, each a tenant and the SHA-256 of its key. Read from {@code TASKS_API_KEYS} ({@code tenant:sha256hex}
 * pairs separated by commas) or from a key file (one {@code tenant sha256hex} a line, {@code #} comments).
 */
final class ApiKeys {

    static final ApiKeys NONE = new ApiKeys(List.of());

    private final List<Entry> entries;

    private ApiKeys(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * @param configured the value of {@code TASKS_API_KEYS}; blank for none
     * @throws IllegalArgumentException naming the malformed entry by its position
     */
    static ApiKeys parseList(String configured) {
        if (configured == null || configured.isBlank()) {
            return NONE;
        }
        List<Entry> entries = new ArrayList<>();
        String[] pairs = configured.split(",");
        for (int i = 0; i < pairs.length; i++) {
            String pair = pairs[i].strip();
            if (pair.isEmpty()) {
                continue;
            }
            int colon = pair.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(
                        "TASKS_API_KEYS entry " + (i + 1) + " is not tenant:sha256hex (no ':')");
            }
            entries.add(entry(pair.substring(0, colon), pair.substring(colon + 1), "TASKS_API_KEYS entry " + (i + 1)));
        }
        return new ApiKeys(entries);
    }

    /**
     * @param lines the key file's lines
     * @param source the file, for messages
     * @throws IllegalArgumentException naming the malformed line by its number
     */
    static ApiKeys parseFile(List<String> lines, String source) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            String where = source + " line " + (i + 1);
            if (parts.length != 2) {
                throw new IllegalArgumentException(where + " is not 'tenant sha256hex'");
            }
            entries.add(entry(parts[0], parts[1], where));
        }
        return new ApiKeys(entries);
    }

    ApiKeys and(ApiKeys other) {
        List<Entry> both = new ArrayList<>(entries);
        both.addAll(other.entries);
        return new ApiKeys(both);
    }

    /** The tenant the key was issued for; every entry is compared, so the time taken does not say which matched. */
    Optional<TenantId> tenantOf(String key) {
        ApiKeyHash presented = ApiKeyHash.of(key);
        TenantId found = null;
        for (Entry entry : entries) {
            if (entry.hash().matches(presented) && found == null) {
                found = entry.tenant();
            }
        }
        return Optional.ofNullable(found);
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    int size() {
        return entries.size();
    }

    Set<TenantId> tenants() {
        return entries.stream()
                .map(Entry::tenant)
                .sorted(Comparator.comparing(TenantId::value))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Entry entry(String tenant, String hash, String where) {
        try {
            return new Entry(new TenantId(tenant.strip()), ApiKeyHash.parse(hash.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private record Entry(TenantId tenant, ApiKeyHash hash) {}
}
