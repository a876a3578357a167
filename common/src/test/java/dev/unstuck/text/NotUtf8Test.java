package dev.unstuck.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotUtf8Test {

  private static Optional<NotUtf8> find(byte[] bytes) throws IOException {
    return NotUtf8.find(new ByteArrayInputStream(bytes));
  }

  @Test
  void latin1IsFoundAtItsFirstAccentedLetter() throws IOException {
    // "a,b\n" is 4 bytes, "Rh" 2 more: the ô (0xF4 in Latin-1) is byte 6, on line 2
    byte[] latin1 = "a,b\nRhône,1\nCôte,2\n".getBytes(StandardCharsets.ISO_8859_1);

    assertThat(find(latin1)).contains(new NotUtf8(6, 2, 0xF4));
    assertThat(find(latin1).orElseThrow().where()).isEqualTo("byte 0xF4 on line 2");
  }

  @Test
  void utf8TextWithAByteOrderMarkAndEveryLengthOfSequenceIsUtf8() throws IOException {
    byte[] utf8 = "\uFEFFa,b\nRhône,€,\uD83C\uDF77\n".getBytes(StandardCharsets.UTF_8);

    assertThat(find(utf8)).isEmpty();
    assertThat(find(new byte[0])).isEmpty();
  }

  /** A three-byte sequence cut by the 64 KiB read is joined with its rest, not called broken. */
  @Test
  void aSequenceAcrossTheReadBoundaryIsValidAndLaterErrorsKeepTheirOffsetAndLine()
      throws IOException {
    byte[] bytes = new byte[64 * 1024 + 10];
    Arrays.fill(bytes, (byte) 'x');
    bytes[100] = '\n';
    bytes[64 * 1024 - 1] = (byte) 0xE2; // € = E2 82 AC, its first byte last in the first read
    bytes[64 * 1024] = (byte) 0x82;
    bytes[64 * 1024 + 1] = (byte) 0xAC;
    assertThat(find(bytes)).isEmpty();

    bytes[64 * 1024 + 5] = (byte) 0xE9; // Latin-1 é, followed by 'x': no valid continuation
    assertThat(find(bytes)).contains(new NotUtf8(64 * 1024 + 5, 2, 0xE9));
  }

  @Test
  void aSequenceCutByTheEndOfTheFileIsNotUtf8() throws IOException {
    assertThat(find(new byte[] {'a', '\n', 'b', (byte) 0xE2, (byte) 0x82}))
        .contains(new NotUtf8(3, 2, 0xE2));
  }

  @Test
  void aLimitStopsTheSearchAfterWholeReads() throws IOException {
    byte[] bytes = new byte[3 * 64 * 1024];
    Arrays.fill(bytes, (byte) 'x');
    bytes[2 * 64 * 1024 + 1] = (byte) 0xE9;

    assertThat(NotUtf8.find(new ByteArrayInputStream(bytes), 64 * 1024)).isEmpty();
    assertThat(NotUtf8.find(new ByteArrayInputStream(bytes), 3 * 64 * 1024))
        .contains(new NotUtf8(2 * 64 * 1024 + 1, 1, 0xE9));
  }
}
