package dev.unstuck.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.unstuck.avro.LayerStats;
import dev.unstuck.spec.RunConfig;
import dev.unstuck.spec.SpecParser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The epoch probe on a dense network whose every weight is set by hand (2 inputs -> 3 ReLU -> 2
 * softmax, with an L2 penalty): losses, accuracies, weight statistics and the update ratio, each
 * checked against the same quantity worked out in plain Java from those weights - a forward pass
 * written out, not DL4J's. The convolutional side (gradient by finite differences, dead and
 * saturated filters) is {@link ConvolutionProbeTest}'s.
 */
class DenseProbeTest {
  private static final double[][] W0 = {{1.0, -1.0, 0.5}, {0.5, -2.0, -1.0}}; // [inputs, units]
  private static final double[] B0 = {0.0, -0.5, 0.25};
  private static final double[][] W1 = {{1.0, -1.0}, {0.5, 0.5}, {-1.0, 2.0}};
  private static final double[] B1 = {0.1, -0.1};

  /**
   * Four training rows (all features >= 0, so unit 1's weights, both negative, never fire) and
   * their classes.
   */
  private static final double[][] TRAIN_X = {{1, 0}, {0, 1}, {2, 1}, {0.5, 3}};

  private static final int[] TRAIN_Y = {0, 1, 0, 0};
  private static final double[][] VAL_X = {{1, 1}, {3, 0}, {0, 2}};
  private static final int[] VAL_Y = {1, 0, 1};

  private MultiLayerNetwork net;

  @BeforeEach
  void network() throws Exception {
    RunConfig config =
        SpecParser.parse(
                """
        name: dense-probe
        data:
          path: unused.csv
          label: last
        model:
          hidden: [3]
          activation: relu
          l2: 0.5
        training:
          epochs: 1
        """,
                "test",
                Optional.empty())
            .baseline();
    net = new MultiLayerNetwork(NetworkFactory.configuration(config, 2, 2, 1, null));
    net.init();
    net = net.convertDataType(DataType.DOUBLE);
    net.getLayer(0).setParam("W", Nd4j.create(W0));
    net.getLayer(0).setParam("b", Nd4j.create(B0).reshape(1, 3));
    net.getLayer(1).setParam("W", Nd4j.create(W1));
    net.getLayer(1).setParam("b", Nd4j.create(B1).reshape(1, 2));
  }

  private static DataSet data(double[][] x, int[] y) {
    INDArray labels = Nd4j.zeros(DataType.DOUBLE, y.length, 2);
    for (int i = 0; i < y.length; i++) {
      labels.putScalar(i, y[i], 1);
    }
    return new DataSet(Nd4j.create(x), labels);
  }

  private Measurement measure(Map<Integer, INDArray> before) {
    DataSet train = data(TRAIN_X, TRAIN_Y);
    return new EpochProbe(train, data(VAL_X, VAL_Y), train, 2).measure(net, before);
  }

  /** softmax(relu(x W0 + b0) W1 + b1), by hand. */
  private static double[] probabilities(double[] x) {
    double[] hidden = new double[3];
    for (int u = 0; u < 3; u++) {
      hidden[u] = Math.max(0, x[0] * W0[0][u] + x[1] * W0[1][u] + B0[u]);
    }
    double[] z = new double[2];
    for (int c = 0; c < 2; c++) {
      z[c] = B1[c];
      for (int u = 0; u < 3; u++) {
        z[c] += hidden[u] * W1[u][c];
      }
    }
    double max = Math.max(z[0], z[1]);
    double sum = Math.exp(z[0] - max) + Math.exp(z[1] - max);
    return new double[] {Math.exp(z[0] - max) / sum, Math.exp(z[1] - max) / sum};
  }

  private static double meanCrossEntropy(double[][] x, int[] y) {
    double total = 0;
    for (int i = 0; i < x.length; i++) {
      total -= Math.log(probabilities(x[i])[y[i]]);
    }
    return total / x.length;
  }

  private static int predicted(double[] x) {
    double[] p = probabilities(x);
    return p[1] > p[0] ? 1 : 0;
  }

  @Test
  void theLossesAreTheDataCrossEntropyWithoutThePenalty() {
    Measurement m = measure(EpochProbe.snapshotWeights(net));

    assertThat(m.trainLoss()).isCloseTo(meanCrossEntropy(TRAIN_X, TRAIN_Y), within(1e-9));
    assertThat(m.valLoss()).isCloseTo(meanCrossEntropy(VAL_X, VAL_Y), within(1e-9));
    // DL4J's own score adds 0.5 * l2 * sum(w^2) over the weights: the probe must not
    assertThat(net.score(data(TRAIN_X, TRAIN_Y), false)).isGreaterThan(m.trainLoss() + 0.1);
  }

  @Test
  void accuracyAndBalancedAccuracyCountTheHandPredictions() {
    int[] trainPredicted = new int[TRAIN_X.length];
    for (int i = 0; i < TRAIN_X.length; i++) {
      trainPredicted[i] = predicted(TRAIN_X[i]);
    }
    int[] valPredicted = new int[VAL_X.length];
    for (int i = 0; i < VAL_X.length; i++) {
      valPredicted[i] = predicted(VAL_X[i]);
    }

    Measurement m = measure(EpochProbe.snapshotWeights(net));

    assertThat(m.trainAccuracy()).isCloseTo(accuracy(trainPredicted, TRAIN_Y), within(1e-12));
    assertThat(m.trainBalancedAccuracy())
        .isCloseTo(balanced(trainPredicted, TRAIN_Y), within(1e-12));
    assertThat(m.valAccuracy()).isCloseTo(accuracy(valPredicted, VAL_Y), within(1e-12));
    assertThat(m.valBalancedAccuracy()).isCloseTo(balanced(valPredicted, VAL_Y), within(1e-12));
    assertThat(m.valPerClassRecall())
        .containsExactly(recall(valPredicted, VAL_Y, 0), recall(valPredicted, VAL_Y, 1));
  }

  private static double accuracy(int[] predicted, int[] actual) {
    int correct = 0;
    for (int i = 0; i < actual.length; i++) {
      correct += predicted[i] == actual[i] ? 1 : 0;
    }
    return (double) correct / actual.length;
  }

  private static double recall(int[] predicted, int[] actual, int c) {
    int hits = 0;
    int of = 0;
    for (int i = 0; i < actual.length; i++) {
      if (actual[i] == c) {
        of++;
        hits += predicted[i] == c ? 1 : 0;
      }
    }
    return (double) hits / of;
  }

  private static double balanced(int[] predicted, int[] actual) {
    return (recall(predicted, actual, 0) + recall(predicted, actual, 1)) / 2;
  }

  @Test
  void weightStatisticsUpdateRatioAndDeadUnitsAreThoseOfTheHandSetWeights() {
    Map<Integer, INDArray> before = EpochProbe.snapshotWeights(net);
    before.put(
        0, before.get(0).mul(2)); // as if the epoch had halved every weight of the hidden layer

    List<LayerStats> layers = measure(before).layers();

    LayerStats hidden = layers.get(0);
    double[] w = {1.0, -1.0, 0.5, 0.5, -2.0, -1.0};
    double mean = (1.0 - 1.0 + 0.5 + 0.5 - 2.0 - 1.0) / 6;
    double squares = 0;
    for (double v : w) {
      squares += (v - mean) * (v - mean);
    }
    assertThat(hidden.getKind()).isEqualTo("dense");
    assertThat(hidden.getUnits()).isEqualTo(3);
    assertThat(hidden.getWeightMean()).isCloseTo(mean, within(1e-12));
    assertThat(hidden.getWeightStd())
        .isCloseTo(Math.sqrt(squares / (w.length - 1)), within(1e-12)); // sample std
    // ||W - 2W|| / ||2W|| = 1/2
    assertThat(hidden.getUpdateRatio()).isCloseTo(0.5, within(1e-12));
    // unit 1: weights -1 and -2, bias -0.5, on features >= 0: never fires on any probe row; units 0
    // and 2 do
    assertThat(hidden.getDeadFraction()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(layers.get(1).getKind()).isEqualTo("output");
    assertThat(layers.get(1).getDeadFraction()).isNull();
  }
}
