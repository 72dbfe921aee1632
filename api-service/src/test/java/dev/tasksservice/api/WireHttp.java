package dev.tasksservice.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP/1.1 over a plain socket to the API on loopback, so a request reaches the server exactly as written, even when no
 * HTTP client would send it (a {@code %00} in the path, two {@code Idempotency-Key} headers, invalid UTF-8).
 */
public final class WireHttp {

    private static final int TIMEOUT_MILLIS = 15_000;

    private final int port;

    public WireHttp(int port) {
        this.port = port;
    }

    /** What the server sent back; a connection reset after the answer arrived ends the answer. */
    private static byte[] readAnswer(Socket socket) throws IOException {
        java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            java.io.InputStream in = socket.getInputStream();
            for (int read; (read = in.read(buffer)) >= 0; ) {
                answer.write(buffer, 0, read);
            }
        } catch (java.net.SocketException reset) {
            if (answer.size() == 0) {
                throw reset;
            }
        }
        return answer.toByteArray();
    }

    public Answer send(HostileRequest request) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.wire("localhost:" + port));
                out.flush();
                socket.shutdownOutput();
            } catch (IOException sendCutShort) {
                // The server may answer (413, say) and close before a large body is all sent, as HTTP allows: its
                // answer is then already on the way back, and is what the client gets.
            }
            return Answer.parse(readAnswer(socket));
        } catch (IOException e) {
            throw new UncheckedIOException("No answer to " + request, e);
        }
    }

    /** What the server answered. */
    public record Answer(int status, List<String> headers, String body) {

        private static final JsonMapper JSON = JsonMapper.builder().build();

        public String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headers.stream()
                    .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(line -> line.substring(prefix.length()).strip())
                    .findFirst()
                    .orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        public boolean isProblem() {
            return contentType() != null && contentType().startsWith("application/problem+json");
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }

        /** The problem's {@code field}, or null. */
        public String field() {
            JsonNode field = json().get("field");
            return field == null ? null : field.stringValue();
        }

        static Answer parse(byte[] raw) throws IOException {
            int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (end < 0) {
                throw new IOException("Not an HTTP answer: " + new String(raw, StandardCharsets.ISO_8859_1));
            }
            List<String> lines = List.of(new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n"));
            String[] statusLine = lines.getFirst().split(" ", 3);
            List<String> headers = new ArrayList<>(lines.subList(1, lines.size()));
            byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
            boolean chunked = headers.stream()
                    .anyMatch(line -> line.toLowerCase(Locale.ROOT).matches("transfer-encoding:\\s*chunked\\s*"));
            if (chunked) {
                body = dechunk(new java.io.ByteArrayInputStream(body));
            } else {
                String length = headers.stream()
                        .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                        .map(line -> line.substring("content-length:".length()).strip())
                        .findFirst()
                        .orElse(null);
                if (length != null && Integer.parseInt(length) < body.length) {
                    body = java.util.Arrays.copyOf(body, Integer.parseInt(length));
                }
            }
            return new Answer(Integer.parseInt(statusLine[1]), headers, new String(body, StandardCharsets.UTF_8));
        }

        private static byte[] dechunk(InputStream in) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                StringBuilder sizeLine = new StringBuilder();
                int c;
                while ((c = in.read()) >= 0 && c != '\n') {
                    if (c != '\r') {
                        sizeLine.append((char) c);
                    }
                }
                String hex = sizeLine.toString().split(";")[0].strip();
                if (c < 0 || hex.isEmpty()) {
                    return out.toByteArray();
                }
                int size = Integer.parseInt(hex, 16);
                if (size == 0) {
                    return out.toByteArray();
                }
                out.write(in.readNBytes(size));
                in.readNBytes(2);
            }
        }

        private static int indexOf(byte[] data, byte[] pattern) {
            outer:
            for (int i = 0; i + pattern.length <= data.length; i++) {
                for (int j = 0; j < pattern.length; j++) {
                    if (data[i + j] != pattern[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        @Override
        public String toString() {
            return status + " " + contentType() + " " + (body.length() > 500 ? body.substring(0, 500) + "..." : body);
        }
    }
}
