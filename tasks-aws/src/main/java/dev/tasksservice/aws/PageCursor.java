package dev.tasksservice.aws;

import dev.tasksservice.domain.model.InvalidCursorException;
import dev.tasksservice.domain.model.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Turns a position in a sharded index ({@link ShardedIndex.Position}) into an opaque cursor and back. A cursor names
 * the walk it belongs to (the due tasks or a listing) and the status, and only continues that walk.
 */
final class PageCursor {

    private static final String VERSION = "v2";

    /** The walks a cursor may belong to. */
    enum Walk {
        DUE,
        LIST
    }

    private PageCursor() {}

    static String of(Walk walk, TaskStatus status, ShardedIndex.Position position) {
        String text = String.join(
                "|",
                VERSION,
                walk.name(),
                status.name(),
                Long.toString(position.sort()),
                Integer.toString(position.shard()),
                position.id().toString(),
                HexFormat.of().formatHex(position.done().toByteArray()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws InvalidCursorException when the cursor was not made for this walk and status, or by another version
     */
    static ShardedIndex.Position decode(String cursor, Walk walk, TaskStatus status, int shards) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 7
                    || !VERSION.equals(parts[0])
                    || !walk.name().equals(parts[1])
                    || !status.name().equals(parts[2])) {
                throw new InvalidCursorException();
            }
            int shard = Integer.parseInt(parts[4]);
            if (shard < 0 || shard >= shards) {
                throw new InvalidCursorException();
            }
            BitSet done = BitSet.valueOf(HexFormat.of().parseHex(parts[6]));
            if (done.length() > shards) {
                throw new InvalidCursorException();
            }
            return new ShardedIndex.Position(Long.parseLong(parts[3]), shard, UUID.fromString(parts[5]), done);
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException();
        }
    }
}
