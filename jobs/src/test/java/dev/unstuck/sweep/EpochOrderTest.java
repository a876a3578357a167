package dev.unstuck.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The documented order of a run's rows in an epoch, checked against the JDK's own shuffle. */
class EpochOrderTest {

  @Test
  void isWhatCollectionsShuffleDoesToTheRowIndicesWithTheDocumentedSeed() {
    for (int epoch = 0; epoch <= 3; epoch++) {
      List<Integer> expected = new ArrayList<>(IntStream.range(0, 100).boxed().toList());
      Collections.shuffle(expected, new Random(2 * 1_000_003L + epoch));

      assertThat(EpochOrder.permutation(100, 2, epoch))
          .containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
    }
  }

  @Test
  void everyEpochHasANewOrderOfTheSameRows() {
    int[] first = EpochOrder.permutation(50, 1, 1);
    int[] second = EpochOrder.permutation(50, 1, 2);

    assertThat(first)
        .isNotEqualTo(second)
        .containsExactlyInAnyOrder(IntStream.range(0, 50).toArray());
    assertThat(second).containsExactlyInAnyOrder(IntStream.range(0, 50).toArray());
  }

  @Test
  void seedsDifferAndReRunsRepeat() {
    assertThat(EpochOrder.permutation(50, 1, 1))
        .isNotEqualTo(EpochOrder.permutation(50, 2, 1))
        .isEqualTo(EpochOrder.permutation(50, 1, 1));
  }
}
