package dev.unstuck.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.unstuck.avro.LayerStats;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The epoch probe on a graph with two branches whose every weight is set by hand: 3 inputs -> relu
 * branch {@code a} (4 units) and tanh branch {@code b} (2 units) side by side, concatenated, ->
 * softmax {@code out} (3 classes). Each layer vertex is measured as a layer: its gradient norm
 * against a finite-difference estimate of the loss's slope (no DL4J backpropagation), its dead and
 * saturated units against a forward pass written out in plain Java, its update ratio against the
 * weights it was given.
 */
class GraphProbeTest {
  private static final double[][] WA = { // [inputs, units]; unit 1 only negative: never fires
    {1.0, -1.0, 0.5, -0.5}, {0.5, -2.0, -1.0, 1.0}, {-0.5, -0.5, 1.5, 0.25}
  };
  private static final double[] BA = {0.05, -0.5, 0.1, -0.2}; // no pre-activation at relu's kink
  private static final double[][] WB = {{4.0, -0.2}, {3.0, 0.1}, {-2.5, 0.3}}; // unit 0 saturates
  private static final double[] BB = {0.5, -0.1};
  private static final double[][] WOUT = {
    {1.0, -1.0, 0.2},
    {0.5, 0.5, -0.5},
    {-1.0, 2.0, 0.1},
    {0.3, -0.3, 0.6},
    {0.7, 0.2, -0.9},
    {-0.4, 0.8, 0.3}
  };
  private static final double[] BOUT = {0.1, -0.1, 0.0};

  /** Features >= 0, so unit 1 of branch a stays at 0 for every row. */
  private static final double[][] X = {
    {1, 0, 2}, {0, 1, 0.5}, {2, 1, 0}, {0.5, 3, 1}, {1.5, 0.2, 0.3}, {0, 0, 1}
  };

  private static final int[] Y = {0, 1, 2, 0, 1, 2};

  private ComputationGraph graph;
  private DataSet data;

  @BeforeEach
  void graph() {
    graph =
        new ComputationGraph(
            new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE) // central differences need more than float's 7 digits
                .updater(new Sgd(0.1))
                .graphBuilder()
                .addInputs("in")
                .addLayer(
                    "a",
                    new DenseLayer.Builder().nIn(3).nOut(4).activation(Activation.RELU).build(),
                    "in")
                .addLayer(
                    "b",
                    new DenseLayer.Builder().nIn(3).nOut(2).activation(Activation.TANH).build(),
                    "in")
                .addVertex("merged", new MergeVertex(), "a", "b")
                .addLayer(
                    "out",
                    new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(6)
                        .nOut(3)
                        .activation(Activation.SOFTMAX)
                        .build(),
                    "merged")
                .setOutputs("out")
                .build());
    graph.init();
    set("a", WA, BA);
    set("b", WB, BB);
    set("out", WOUT, BOUT);
    INDArray labels = Nd4j.zeros(DataType.DOUBLE, Y.length, 3);
    for (int i = 0; i < Y.length; i++) {
      labels.putScalar(i, Y[i], 1);
    }
    data = new DataSet(Nd4j.create(X), labels);
  }

  private void set(String layer, double[][] w, double[] b) {
    graph.getLayer(layer).setParam("W", Nd4j.create(w));
    graph.getLayer(layer).setParam("b", Nd4j.create(b).reshape(1, b.length));
  }

  private List<LayerStats> measure(Map<Integer, INDArray> before) {
    return new EpochProbe(data, data, data, 3).measure(graph, before).layers();
  }

  @Test
  void everyLayerVertexIsMeasuredInTheOrderTheGraphRunsIt() {
    List<LayerStats> layers = measure(EpochProbe.snapshotWeights(graph));

    assertThat(layers).extracting(LayerStats::getKind).containsExactly("dense", "dense", "output");
    assertThat(layers).extracting(LayerStats::getUnits).containsExactly(4, 2, 3);
    assertThat(layers)
        .extracting(LayerStats::getActivation)
        .containsExactly("relu", "tanh", "softmax");
  }

  @Test
  void eachLayersGradientNormIsTheSlopeOfTheLossInItsWeights() {
    List<LayerStats> layers = measure(EpochProbe.snapshotWeights(graph));

    String[] names = {"a", "b", "out"};
    for (int i = 0; i < names.length; i++) {
      // DL4J's gradient is that of the loss summed over the batch and score the mean (see
      // ConvolutionProbeTest): the mean's slope times the examples
      double expected = finiteDifferenceNorm(names[i]) * X.length;
      assertThat(layers.get(i).getGradientNorm())
          .as(names[i])
          .isGreaterThan(0)
          .isCloseTo(expected, within(1e-6 * Math.max(1, expected)));
    }
  }

  /** The norm of d(mean loss)/dW over one layer's weights, by central differences. */
  private double finiteDifferenceNorm(String layer) {
    INDArray weights = graph.getLayer(layer).getParam("W");
    double epsilon = 1e-6;
    double squares = 0;
    for (long k = 0; k < weights.length(); k++) {
      double w = weights.getDouble(k);
      weights.putScalar(k, w + epsilon);
      double up = graph.score(data, false);
      weights.putScalar(k, w - epsilon);
      double down = graph.score(data, false);
      weights.putScalar(k, w);
      double slope = (up - down) / (2 * epsilon);
      squares += slope * slope;
    }
    return Math.sqrt(squares);
  }

  @Test
  void deadAndSaturatedUnitsAreThoseOfTheHandForwardPass() {
    int dead = 0;
    for (int unit = 0; unit < 4; unit++) {
      boolean fires = false;
      for (double[] x : X) {
        fires |= pre(x, WA, BA, unit) > 0;
      }
      dead += fires ? 0 : 1;
    }
    int saturated = 0;
    for (double[] x : X) {
      for (int unit = 0; unit < 2; unit++) {
        saturated += Math.abs(Math.tanh(pre(x, WB, BB, unit))) > Math.tanh(5) ? 1 : 0;
      }
    }
    assertThat(dead).as("unit 1 of branch a, by construction").isEqualTo(1);
    assertThat(saturated).as("some of branch b's outputs, by construction").isPositive();

    List<LayerStats> layers = measure(EpochProbe.snapshotWeights(graph));

    assertThat(layers.get(0).getDeadFraction()).isCloseTo(dead / 4.0, within(1e-12));
    assertThat(layers.get(0).getSaturatedFraction()).isNull(); // relu does not saturate
    assertThat(layers.get(1).getDeadFraction()).isNull(); // only relu units die
    assertThat(layers.get(1).getSaturatedFraction())
        .isCloseTo(saturated / (2.0 * X.length), within(1e-12));
  }

  private static double pre(double[] x, double[][] w, double[] b, int unit) {
    double sum = b[unit];
    for (int i = 0; i < x.length; i++) {
      sum += x[i] * w[i][unit];
    }
    return sum;
  }

  @Test
  void theUpdateRatioComparesEachLayerWithItsWeightsBeforeTheEpoch() {
    Map<Integer, INDArray> before = EpochProbe.snapshotWeights(graph);
    before.put(1, before.get(1).mul(4)); // as if the epoch had cut branch b's weights to a quarter

    List<LayerStats> layers = measure(before);

    assertThat(layers.get(0).getUpdateRatio()).isCloseTo(0, within(1e-12));
    assertThat(layers.get(1).getUpdateRatio()).isCloseTo(0.75, within(1e-12)); // |W-4W|/|4W|
  }
}
