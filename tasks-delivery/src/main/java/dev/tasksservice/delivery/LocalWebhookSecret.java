package dev.tasksservice.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The webhook secret of a runtime without a secret store: kept in a file, made on first use, readable by its owner
 * only where the file system has POSIX permissions.
 */
public final class LocalWebhookSecret {

    private LocalWebhookSecret() {}

    /**
     * The secret in {@code file}, or a new one written there (its directories made as needed).
     *
     * @throws IllegalArgumentException naming the file when it holds no valid webhook secret
     * @throws UncheckedIOException when the file cannot be read or written
     */
    public static String loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            return create(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the webhook secret in " + file + ": " + e.getMessage(), e);
        }
    }

    private static String create(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (parent != null && !Files.isDirectory(parent)) {
            if (posix) {
                Files.createDirectories(
                        parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(parent);
            }
        }
        String secret = WebhookSecrets.generate();
        FileAttribute<?>[] ownerOnly = posix
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                }
                : new FileAttribute<?>[0];
        try {
            // Made with its permissions in one step, so that the secret is never readable by others.
            Files.createFile(file, ownerOnly);
        } catch (FileAlreadyExistsException e) {
            // Another process made it first: its secret is the one.
            return read(file);
        }
        Files.writeString(file, secret + System.lineSeparator(), StandardCharsets.UTF_8);
        return secret;
    }

    private static String read(Path file) throws IOException {
        String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
        try {
            WebhookSecrets.parse(secret);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        return secret;
    }
}
