package dev.tasksservice.api.auth;

import dev.tasksservice.domain.model.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local API keys: those in {@code TASKS_API_KEYS} and those in the key file. The file is read again when it
 * changes, so a key made with {@code make api-key} works without a restart; a file broken since the start is reported
 * and its last good keys kept.
 */
final class LocalKeyStore {

    private static final Logger log = LoggerFactory.getLogger(LocalKeyStore.class);

    private final ApiKeys configured;
    private final Path file;
    private volatile Snapshot snapshot;

    /**
     * @throws IllegalArgumentException when {@code TASKS_API_KEYS} or the key file is malformed
     */
    LocalKeyStore(String configuredKeys, Path file) {
        this.configured = ApiKeys.parseList(configuredKeys);
        this.file = file;
        this.snapshot = read(file, stamp(file));
    }

    Optional<TenantId> tenantOf(String key) {
        return configured.and(current()).tenantOf(key);
    }

    ApiKeys keys() {
        return configured.and(current());
    }

    Path file() {
        return file;
    }

    private ApiKeys current() {
        Snapshot known = snapshot;
        if (file == null) {
            return known.keys();
        }
        Stamp now = stamp(file);
        if (Objects.equals(now, known.stamp())) {
            return known.keys();
        }
        synchronized (this) {
            if (!Objects.equals(now, snapshot.stamp())) {
                try {
                    snapshot = read(file, now);
                    log.info("Read {} API keys from {}", snapshot.keys().size(), file);
                } catch (IllegalArgumentException | UncheckedIOException e) {
                    log.warn("Kept the previous API keys: {}", e.getMessage());
                    snapshot = new Snapshot(now, snapshot.keys());
                }
            }
            return snapshot.keys();
        }
    }

    private static Snapshot read(Path file, Stamp stamp) {
        if (file == null || stamp == null) {
            return new Snapshot(stamp, ApiKeys.NONE);
        }
        try {
            return new Snapshot(stamp, ApiKeys.parseFile(Files.readAllLines(file), file.toString()));
        } catch (NoSuchFileException e) {
            return new Snapshot(null, ApiKeys.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the API key file " + file + ": " + e.getMessage(), e);
        }
    }

    /** When and how large the file was last written; null when there is no file. */
    private static Stamp stamp(Path file) {
        if (file == null) {
            return null;
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(attributes.lastModifiedTime(), attributes.size());
        } catch (IOException e) {
            return null;
        }
    }

    private record Stamp(FileTime modified, long size) {}

    private record Snapshot(Stamp stamp, ApiKeys keys) {}
}
