package dev.unstuck.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.wire.RecordKeys;
import java.time.Instant;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExecutionIdsTest {

  @Test
  void anIdIsTheUtcStartSecondAndSixHexDigits() {
    // the suffix is the first three bytes the random source gives: the same source, drawn here
    // directly
    Random draws = new Random(7);
    String expectedSuffix =
        String.format("%02x%02x%02x", draws.nextInt(256), draws.nextInt(256), draws.nextInt(256));

    String id = ExecutionIds.of(Instant.parse("2026-11-30T04:45:12.789Z"), new Random(7));

    assertThat(id).isEqualTo("20261130T044512Z-" + expectedSuffix);
    assertThat(RecordKeys.checkExecutionId(id)).isEqualTo(id);
  }

  @Test
  void idsOfOneSecondDifferAndLaterSecondsSortAfter() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      ids.add(ExecutionIds.next());
    }
    assertThat(ids).hasSize(100);
    assertThat(ExecutionIds.of(Instant.parse("2026-11-30T09:00:00Z"), new Random(1)))
        .isGreaterThan(ExecutionIds.of(Instant.parse("2026-11-29T23:59:59Z"), new Random(1)));
  }
}
