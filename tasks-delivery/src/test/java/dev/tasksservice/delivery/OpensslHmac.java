package dev.tasksservice.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/** HMAC-SHA256 computed by the openssl command line tool: an implementation independent of the one under test. */
final class OpensslHmac {

    private OpensslHmac() {}

    /** The base64 of HMAC-SHA256({@code key}, {@code content}), as openssl computes it. */
    static String base64(byte[] key, byte[] content) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(
                        "sh",
                        "-c",
                        "openssl dgst -sha256 -mac HMAC -macopt hexkey:"
                                + HexFormat.of().formatHex(key) + " -binary | openssl base64 -A")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(content);
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("openssl did not finish within 10 s");
        }
        if (process.exitValue() != 0 || out.isEmpty()) {
            throw new IllegalStateException("openssl failed with exit code " + process.exitValue());
        }
        return out;
    }
}
