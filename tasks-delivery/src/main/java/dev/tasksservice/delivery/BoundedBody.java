package dev.tasksservice.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hc.core5.http.HttpEntity;

/**
 * The start of a response body, at most {@link WebhookSender#MAX_RESPONSE_BYTES}, as text fit for an error message.
 *
 * @param text the bytes read, as UTF-8, control characters turned into spaces
 * @param complete whether the whole body was read, so that its connection can serve again
 */
record BoundedBody(String text, boolean complete) {

    static final BoundedBody NONE = new BoundedBody("", true);

    /** Reads at most {@link WebhookSender#MAX_RESPONSE_BYTES} of {@code entity}, and leaves its stream open. */
    static BoundedBody read(HttpEntity entity) throws IOException {
        if (entity == null) {
            return NONE;
        }
        // Closing the stream would read the rest of the body, however long: the caller drops the connection instead.
        InputStream in = entity.getContent();
        if (in == null) {
            return NONE;
        }
        byte[] bytes = in.readNBytes(WebhookSender.MAX_RESPONSE_BYTES);
        // One more byte tells a body of exactly the limit from a longer one; the client has buffered it already.
        boolean complete = bytes.length < WebhookSender.MAX_RESPONSE_BYTES || in.read() == -1;
        String text = new String(bytes, StandardCharsets.UTF_8)
                .replaceAll("\\p{Cntrl}", " ")
                .strip();
        return new BoundedBody(text, complete);
    }
}
