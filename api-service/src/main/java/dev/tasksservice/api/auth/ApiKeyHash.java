package dev.tasksservice.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The SHA-256 of an API key, which is all the service keeps of a local key: the key itself is shown once, when it is
 * made, and never stored.
 */
final class ApiKeyHash {

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private final byte[] digest;

    private ApiKeyHash(byte[] digest) {
        this.digest = digest;
    }

    /** The hash of a key as a caller presents it. */
    static ApiKeyHash of(String key) {
        try {
            return new ApiKeyHash(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /**
     * @param hex 64 hex digits, as {@code sha256sum} prints them
     * @throws IllegalArgumentException when it is not
     */
    static ApiKeyHash parse(String hex) {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("a key's hash is its SHA-256 in 64 hex digits");
        }
        return new ApiKeyHash(HexFormat.of().parseHex(hex.toLowerCase(java.util.Locale.ROOT)));
    }

    /** Compares in constant time, so the time an answer takes tells nothing about how close a guess came. */
    boolean matches(ApiKeyHash other) {
        return MessageDigest.isEqual(digest, other.digest);
    }

    String hex() {
        return HexFormat.of().formatHex(digest);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiKeyHash hash && matches(hash);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return "sha256:" + hex().substring(0, 8) + "…";
    }
}
