package dev.tasksservice.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How a log line names a payload: its size and a short hash, never its content, which may hold a client's secrets. The
 * hash lets an operator match a run to the payload a client sent without reading it.
 */
final class PayloadSummary {

    private PayloadSummary() {}

    /** "no payload", or e.g. "payload 27 bytes sha256:3f2a0c9e1b7d". */
    static String of(String payload) {
        if (payload == null) {
            return "no payload";
        }
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return "payload " + bytes.length + " bytes sha256:" + HexFormat.of().formatHex(sha256(bytes), 0, 6);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
