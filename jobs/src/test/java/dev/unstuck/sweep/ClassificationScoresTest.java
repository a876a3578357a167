package dev.unstuck.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The scores every verdict reads, against confusion matrices counted by hand. */
class ClassificationScoresTest {
  private static final double EPS = 1e-12;

  /** Rows of (true class, predicted class) as one-hot labels and softmax-like outputs. */
  private static Evaluation evaluated(int classes, int[][] truthAndPrediction) {
    INDArray labels = Nd4j.zeros(truthAndPrediction.length, classes);
    INDArray outputs = Nd4j.zeros(truthAndPrediction.length, classes);
    for (int row = 0; row < truthAndPrediction.length; row++) {
      labels.putScalar(row, truthAndPrediction[row][0], 1.0);
      outputs.putScalar(row, truthAndPrediction[row][1], 0.9);
    }
    Evaluation evaluation = new Evaluation(classes);
    evaluation.eval(labels, outputs);
    return evaluation;
  }

  @Test
  void threeClassesByHand() {
    // class 0: 4 rows, 3 right, 1 taken for class 1; class 1: 2 rows, both right; class 2: 2 rows,
    // 1 right, 1 as 0
    ClassificationScores scores =
        ClassificationScores.of(
            evaluated(
                3, new int[][] {{0, 0}, {0, 0}, {0, 0}, {0, 1}, {1, 1}, {1, 1}, {2, 2}, {2, 0}}),
            3);

    assertThat(scores.accuracy()).isCloseTo(6 / 8.0, within(EPS));
    assertThat(scores.recall()).containsExactly(0.75, 1.0, 0.5);
    assertThat(scores.balancedAccuracy()).isCloseTo((0.75 + 1.0 + 0.5) / 3, within(EPS));
    // precision: class 0 3/4, class 1 2/3, class 2 1/1; F1 = 2pr/(p+r)
    double f1 =
        (2 * 0.75 * 0.75 / 1.5 + 2 * (2 / 3.0) * 1.0 / (2 / 3.0 + 1.0) + 2 * 1.0 * 0.5 / 1.5) / 3;
    assertThat(scores.macroF1()).isCloseTo(f1, within(EPS));
  }

  @Test
  void aClassWithNoRowsTakesNoPartInBalancedAccuracy() {
    // three classes, class 2 absent from this split, every row right: a perfect model scores 1, not
    // 2/3
    ClassificationScores scores =
        ClassificationScores.of(evaluated(3, new int[][] {{0, 0}, {0, 0}, {1, 1}}), 3);

    assertThat(scores.balancedAccuracy()).isCloseTo(1.0, within(EPS));
    assertThat(scores.recall().get(2)).isNaN();
    assertThat(scores.macroF1()).isCloseTo(1.0, within(EPS));
  }

  @Test
  void aMajorityClassPredictorScoresChanceInBalancedAccuracy() {
    ClassificationScores scores =
        ClassificationScores.of(
            evaluated(
                2,
                new int[][] {
                  {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {1, 0}, {1, 0}
                }),
            2);

    assertThat(scores.accuracy()).isCloseTo(0.8, within(EPS));
    assertThat(scores.balancedAccuracy()).isCloseTo(0.5, within(EPS));
    // class 0: precision 0.8, recall 1 -> F1 8/9; class 1 never predicted -> 0
    assertThat(scores.macroF1()).isCloseTo((2 * 0.8 / 1.8 + 0) / 2, within(EPS));
  }
}
