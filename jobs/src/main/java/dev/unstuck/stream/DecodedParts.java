package dev.unstuck.stream;

import dev.unstuck.wire.Codecs;
import dev.unstuck.wire.WireFormatException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Run parts decoded (or written) before, found again by their bytes: most of a sweep's stored
 * values come back unchanged batch after batch, and comparing bytes costs a fraction of decoding
 * them. One per JVM (executor), least recently used dropped first beyond {@link #MAX_BYTES} of
 * stored values; a value not found is decoded, so the cache changes how fast a batch runs, never
 * what it reads.
 */
final class DecodedParts {
  /** Stored bytes of the parts kept; what they decode to takes a few times as much heap. */
  static final long MAX_BYTES = 96L << 20;

  private static final Map<Key, RunPart> PARTS = new LinkedHashMap<>(1024, 0.75f, true);
  private static long heldBytes;

  private DecodedParts() {}

  /**
   * The part stored as {@code bytes}: from the cache when these bytes were seen before, else
   * decoded.
   */
  static RunPart read(byte[] bytes) throws WireFormatException {
    Key key = new Key(bytes);
    synchronized (PARTS) {
      RunPart known = PARTS.get(key);
      if (known != null) {
        return known;
      }
    }
    RunPart part = RunPart.of(Codecs.RUN_SUMMARY.decode(bytes));
    remember(key, part);
    return part;
  }

  /** {@code part} as it is about to be stored: {@code bytes}, its encoding. */
  static void remember(byte[] bytes, RunPart part) {
    remember(new Key(bytes), part);
  }

  private static void remember(Key key, RunPart part) {
    if (key.bytes.length > MAX_BYTES) {
      return;
    }
    synchronized (PARTS) {
      if (PARTS.put(key, part) == null) {
        heldBytes += key.bytes.length;
      }
      Iterator<Key> eldest = PARTS.keySet().iterator();
      while (heldBytes > MAX_BYTES && eldest.hasNext()) {
        heldBytes -= eldest.next().bytes.length;
        eldest.remove();
      }
    }
  }

  /**
   * Stored bytes compared by content (the state store hands out new arrays every batch). The hash
   * reads only the length and both ends - the run id leads a part, its newest epochs and carried
   * answers end it - so a batch does not read every stored byte twice; equality still compares them
   * all.
   */
  private static final class Key {
    private static final int ENDS = 128;
    private final byte[] bytes;
    private final int hash;

    Key(byte[] bytes) {
      this.bytes = bytes;
      int head = Math.min(bytes.length, ENDS);
      int tail = Math.max(head, bytes.length - ENDS);
      this.hash =
          31 * (31 * bytes.length + Arrays.hashCode(Arrays.copyOfRange(bytes, 0, head)))
              + Arrays.hashCode(Arrays.copyOfRange(bytes, tail, bytes.length));
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && key.hash == hash && Arrays.equals(key.bytes, bytes);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
