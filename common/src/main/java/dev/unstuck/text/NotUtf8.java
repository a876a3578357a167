package dev.unstuck.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where a stream of bytes stops being UTF-8 text: the first byte that starts no valid UTF-8
 * sequence, its offset and its line. Java's own decoders say only "Input length = 1", which names
 * neither the encoding nor the place.
 *
 * @param offset 0-based byte offset of the bad byte
 * @param line 1-based line it is on
 * @param value the byte, 0-255
 */
public record NotUtf8(long offset, long line, int value) {
  private static final int CHUNK = 64 * 1024;

  /**
   * The first byte of {@code in} that is not UTF-8, or empty when all of it is (reads to the end,
   * or the error).
   */
  public static Optional<NotUtf8> find(InputStream in) throws IOException {
    return find(in, Long.MAX_VALUE);
  }

  /**
   * As {@link #find(InputStream)}, looking at the first {@code limit} bytes only (about: whole
   * reads).
   */
  public static Optional<NotUtf8> find(InputStream in, long limit) throws IOException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer bytes = ByteBuffer.allocate(CHUNK);
    CharBuffer chars = CharBuffer.allocate(CHUNK);
    long consumed = 0; // bytes before bytes' position 0
    long lines = 1; // lines up to consumed
    boolean end = false;
    while (true) {
      if (consumed >= limit) {
        return Optional.empty(); // not found in what was looked at
      }
      int read = end ? -1 : in.read(bytes.array(), bytes.position(), bytes.remaining());
      if (read < 0) {
        end = true;
      } else {
        bytes.position(bytes.position() + read);
      }
      bytes.flip();
      int start = bytes.position();
      CoderResult result = decoder.decode(bytes, chars, end);
      if (result.isError()) {
        int at = bytes.position();
        long line = lines + newlines(bytes, start, at);
        return Optional.of(new NotUtf8(consumed + at, line, bytes.get(at) & 0xFF));
      }
      lines += newlines(bytes, start, bytes.position());
      consumed += bytes.position();
      chars.clear();
      if (end) {
        return Optional.empty(); // with end of input, a truncated last sequence is an error above
      }
      bytes.compact(); // keeps a sequence cut by the chunk's end for the next round
    }
  }

  /** Where, for a message: "byte 0xE9 on line 2". */
  public String where() {
    return String.format("byte 0x%02X on line %d", value, line);
  }

  private static long newlines(ByteBuffer bytes, int from, int to) {
    long count = 0;
    for (int i = from; i < to; i++) {
      if (bytes.get(i) == '\n') {
        count++;
      }
    }
    return count;
  }
}
