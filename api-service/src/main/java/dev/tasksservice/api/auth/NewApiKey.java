package dev.tasksservice.api.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Makes a local API key: 32 random bytes, base64url, after the prefix {@code tsk_}. Appends the tenant and the key's
 * SHA-256 to the key file, which the API reads, and prints the key, once: it is kept nowhere else.
 *
 * <p>Uses the JDK alone, so {@code make api-key} runs it from its source file without a build. Arguments: the tenant,
 * the key file.
 */
public final class NewApiKey {

    /** What every key made here begins with, so that one found in a log or a repository is recognized. */
    public static final String PREFIX = "tsk_";

    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private NewApiKey() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !TENANT.matcher(args[0]).matches()) {
            System.err.println("usage: make api-key TENANT=<name> (1 to 128 letters, digits, '.', '_' or '-')");
            System.exit(2);
        }
        Path file = Path.of(args[1]);
        String key = create(args[0], file);
        System.err.println("API key for tenant '" + args[0] + "' (its hash was added to " + file
                + "; the key is shown only now):");
        System.out.println(key);
        System.err.println("Use it as: curl -H 'Authorization: Bearer " + key + "' http://127.0.0.1:8080/tasks");
    }

    /** Makes a key for the tenant, appends its line to the key file (made if missing, readable by its owner only). */
    public static String create(String tenant, Path file) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        if (Files.notExists(file)) {
            Files.writeString(file, "# API keys: tenant, then the SHA-256 of the key (make api-key TENANT=<name>)\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the file keeps the folder's permissions.
            }
        }
        Files.writeString(
                file, tenant + " " + sha256Hex(key) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return key;
    }

    private static String sha256Hex(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
