package dev.unstuck.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class InputStatsTest {

  private static InputStats.PartitionMoments partition(double[]... rows) {
    InputStats.PartitionMoments m = new InputStats.PartitionMoments(rows[0].length);
    for (double[] row : rows) {
      m.add(row);
    }
    return m;
  }

  @Test
  void meansAndStandardDeviationsOverFiniteValuesAcrossPartitions() {
    // feature 0: 1, 2, 3, 4 -> mean 2.5, sample sd sqrt(5/3); feature 1: 10, NaN, 30, Inf -> mean
    // 20, sd sqrt(200)
    InputStats stats =
        InputStats.combine(
            List.of(
                partition(new double[] {1, 10}, new double[] {2, Double.NaN}),
                partition(new double[] {3, 30}, new double[] {4, Double.POSITIVE_INFINITY})),
            2);

    assertThat(stats.nonFinite()).isEqualTo(2);
    assertThat(stats.maxAbsMean()).isCloseTo(20, within(1e-12));
    assertThat(stats.maxStd()).isCloseTo(Math.sqrt(200), within(1e-12));
  }

  @Test
  void aLargeMeanDoesNotSwallowTheSpread() {
    // a feature like a timestamp: 1e9 + {-1, 0, +1}; sample sd exactly 1. E[x^2] - mean^2 leaves no
    // digit of it
    InputStats stats =
        InputStats.combine(
            List.of(
                partition(new double[] {1e9 - 1}, new double[] {1e9}),
                partition(new double[] {1e9 + 1})),
            1);

    assertThat(stats.maxAbsMean()).isCloseTo(1e9, within(1e-6));
    assertThat(stats.maxStd()).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void aFeatureWithOneFiniteValueOrNoneHasNoSpread() {
    InputStats stats = InputStats.combine(List.of(partition(new double[] {5, Double.NaN})), 2);

    assertThat(stats.maxAbsMean()).isEqualTo(5);
    assertThat(stats.maxStd()).isZero();
    assertThat(stats.nonFinite()).isEqualTo(1);
  }
}
