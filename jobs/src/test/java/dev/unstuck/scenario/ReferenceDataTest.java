package dev.unstuck.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.unstuck.spec.InputNormalization;
import dev.unstuck.spec.Resampling;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class ReferenceDataTest {
  /** Ten rows of class "a" (feature 0..9), five of class "b" (feature 100..104). */
  private static final ReferenceTable TABLE = table();

  @Test
  void theSplitHoldsOutFloorOfEachClassesShareAndNeverARowTwice() {
    ReferenceData.Split split = ReferenceData.split(TABLE, 0.3, 7);

    // floor(10 * 0.3) = 3 of "a", floor(5 * 0.3) = 1 of "b"
    assertThat(split.validation()).hasSize(4);
    assertThat(split.train()).hasSize(11).doesNotContain(split.validation());
    assertThat(Arrays.stream(split.validation()).filter(r -> r >= 10).count()).isEqualTo(1);
  }

  @Test
  void standardisationUsesTheTrainingSplitsMeanAndSampleStandardDeviation() {
    ReferenceData.Split split = new ReferenceData.Split(new int[] {0, 1, 2, 10}, new int[] {3});

    ReferenceData.Prepared prepared =
        ReferenceData.prepare(TABLE, split, InputNormalization.STANDARD, Resampling.NONE, 1);

    // training values 0, 1, 2, 100: mean 25.75, sample variance (25.75² + 24.75² + 23.75² + 74.25²)
    // / 3
    double std = Math.sqrt((25.75 * 25.75 + 24.75 * 24.75 + 23.75 * 23.75 + 74.25 * 74.25) / 3);
    assertThat(prepared.validation().getFeatures().getDouble(0, 0))
        .isCloseTo((3 - 25.75) / std, within(1e-6));
    assertThat(prepared.train().getFeatures().getDouble(3, 0))
        .isCloseTo((100 - 25.75) / std, within(1e-6));
    // class weights N / (K * n_class) over the training split: 4 / (2 * 3) and 4 / (2 * 1)
    assertThat(prepared.classWeights()).containsExactly(4 / 6.0, 2.0);
  }

  @Test
  void oversamplingRepeatsRowsOfTheSmallClassUpToTheLargest() {
    ReferenceData.Split split =
        new ReferenceData.Split(new int[] {0, 1, 2, 3, 10}, new int[] {4, 11});

    INDArray labels =
        ReferenceData.prepare(TABLE, split, InputNormalization.NONE, Resampling.OVERSAMPLE, 1)
            .train()
            .getLabels();

    assertThat(labels.rows()).isEqualTo(8);
    assertThat(labels.getColumn(0).sumNumber().intValue()).isEqualTo(4);
    assertThat(labels.getColumn(1).sumNumber().intValue()).isEqualTo(4);
  }

  private static ReferenceTable table() {
    double[][] features = new double[15][1];
    int[] labels = new int[15];
    for (int r = 0; r < 15; r++) {
      features[r][0] = r < 10 ? r : 100 + r - 10;
      labels[r] = r < 10 ? 0 : 1;
    }
    return new ReferenceTable(List.of("x"), features, List.of("a", "b"), labels);
  }
}
