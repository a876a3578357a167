package dev.unstuck.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

  /** The epoch (1-based) at which the rule says stop, or 0 when it never does. */
  private static int stopsAt(int patience, Double... metrics) {
    EarlyStopping rule = new EarlyStopping(patience);
    for (int i = 0; i < metrics.length; i++) {
      if (rule.shouldStop(metrics[i])) {
        return i + 1;
      }
    }
    return 0;
  }

  @Test
  void stopsAfterPatienceEpochsWithoutABetterMetric() {
    // best 0.6 at epoch 2; epochs 3, 4, 5 are no better: the third of them stops it
    assertThat(stopsAt(3, 0.5, 0.6, 0.55, 0.58, 0.59, 0.7)).isEqualTo(5);
  }

  @Test
  void anEqualMetricIsNoImprovementAndABetterOneRestartsTheCount() {
    assertThat(stopsAt(2, 0.6, 0.6, 0.6)).isEqualTo(3);
    assertThat(stopsAt(2, 0.6, 0.5, 0.7, 0.65, 0.69)).isEqualTo(5);
  }

  @Test
  void anEpochWithoutAMetricOrWithNaNCountsAsNoImprovement() {
    assertThat(stopsAt(2, 0.6, null, Double.NaN)).isEqualTo(3);
    // NaN must not become the best: a later finite value still counts as better than the old best
    // only
    assertThat(stopsAt(3, 0.6, Double.NaN, 0.61, 0.5, 0.5, 0.5)).isEqualTo(6);
  }

  @Test
  void patienceZeroNeverStops() {
    List<Double> falling = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      falling.add(1.0 - i * 0.01);
    }
    assertThat(stopsAt(0, falling.toArray(Double[]::new))).isZero();
  }
}
