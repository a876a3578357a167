package dev.unstuck.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.unstuck.avro.LayerStats;
import dev.unstuck.spec.RunConfig;
import dev.unstuck.spec.SpecParser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The epoch probe on a real tiny CNN built by {@link NetworkFactory} from a {@code model.layers}
 * spec: each weight layer is found with its kind and units, the convolution's gradient norm equals
 * a finite-difference estimate of the loss's slope (computed without DL4J's backpropagation), and
 * dead and saturated units equal what was built into the weights by hand.
 */
class ConvolutionProbeTest {
  private static final int CLASSES = 3;

  /** 6x6 grey images: conv 3x3 (3 filters) 4x4x3 -> maxpool 2 -> 2x2x3 -> dense 4 -> softmax 3. */
  private static MultiLayerNetwork cnn(String convActivation) throws Exception {
    RunConfig config =
        SpecParser.parse(
                """
        name: tiny-cnn
        data:
          path: unused.csv
          label: last
          shape: [6, 6, 1]
        model:
          activation: sigmoid
          layers:
            - conv2d: {filters: 3, kernel: 3, activation: %s}
            - maxpool: {kernel: 2}
            - dense: {units: 4}
        training:
          epochs: 1
        """
                    .formatted(convActivation),
                "test",
                Optional.empty())
            .baseline();
    MultiLayerNetwork net =
        new MultiLayerNetwork(NetworkFactory.configuration(config, 36, CLASSES, 5, null));
    net.init();
    return net;
  }

  /** Pixels in [0, 1), labels at random: 12 examples. */
  private static DataSet images(DataType type) {
    Random random = new Random(11);
    INDArray features = Nd4j.create(type, 12, 36);
    INDArray labels = Nd4j.zeros(type, 12, CLASSES);
    for (int row = 0; row < 12; row++) {
      for (int column = 0; column < 36; column++) {
        features.putScalar(row, column, random.nextDouble());
      }
      labels.putScalar(row, random.nextInt(CLASSES), 1);
    }
    return new DataSet(features, labels);
  }

  private static List<LayerStats> measure(MultiLayerNetwork net, DataSet data) {
    return new EpochProbe(data, data, data, CLASSES)
        .measure(net, EpochProbe.snapshotWeights(net))
        .layers();
  }

  @Test
  void everyWeightLayerIsMeasuredWithItsKindAndUnits() throws Exception {
    List<LayerStats> layers = measure(cnn("relu"), images(DataType.FLOAT));

    assertThat(layers).extracting(LayerStats::getKind).containsExactly("conv2d", "dense", "output");
    assertThat(layers).extracting(LayerStats::getUnits).containsExactly(3, 4, CLASSES);
    assertThat(layers)
        .extracting(LayerStats::getActivation)
        .containsExactly("relu", "sigmoid", "softmax");
  }

  @Test
  void theConvolutionsGradientNormIsTheSlopeOfTheLoss() throws Exception {
    MultiLayerNetwork net = cnn("tanh");
    net =
        net.convertDataType(DataType.DOUBLE); // central differences need more than float's 7 digits
    DataSet data = images(DataType.DOUBLE);
    double measured = measure(net, data).get(0).getGradientNorm();

    // d(loss)/dw for each of the 27 conv weights by central differences of the mean loss over the
    // batch
    INDArray weights = net.getLayer(0).getParam("W");
    double epsilon = 1e-6;
    double squares = 0;
    for (long k = 0; k < weights.length(); k++) {
      double w = weights.getDouble(k);
      weights.putScalar(k, w + epsilon);
      double up = net.score(data, false);
      weights.putScalar(k, w - epsilon);
      double down = net.score(data, false);
      weights.putScalar(k, w);
      double slope = (up - down) / (2 * epsilon);
      squares += slope * slope;
    }
    assertThat(weights.length()).isEqualTo(27);
    // DL4J's gradient is that of the loss summed over the batch (its updater divides by the batch
    // size later), and
    // score is the mean: the probe's norm is the mean's slope times the 12 examples
    double summed = Math.sqrt(squares) * data.numExamples();
    assertThat(measured).isGreaterThan(0).isCloseTo(summed, within(1e-6 * Math.max(1, measured)));
  }

  @Test
  void aFilterThatNeverFiresIsOneDeadUnitOfThree() throws Exception {
    MultiLayerNetwork net = cnn("relu");
    // filter 0: negative weights and bias on pixels >= 0 - its relu output is 0 at every position
    // of every image;
    // filters 1 and 2: positive weights and bias - always > 0
    INDArray w = net.getLayer(0).getParam("W"); // [filters, channels, 3, 3]
    INDArray b = net.getLayer(0).getParam("b");
    w.assign(0.1);
    w.get(NDArrayIndex.point(0)).assign(-0.1);
    b.assign(0.5);
    b.putScalar(0, -1);
    // filter 1 without bias on images whose left three columns are black: 0 in the first output
    // column of every
    // image, yet alive elsewhere - a unit is a filter, not a position, so it is not dead
    b.putScalar(1, 0);
    DataSet images = images(DataType.FLOAT);
    for (int pixel = 0; pixel < 36; pixel++) {
      if (pixel % 6 < 3) {
        images.getFeatures().getColumn(pixel).assign(0);
      }
    }

    assertThat(measure(net, images).get(0).getDeadFraction()).isCloseTo(1.0 / 3, within(1e-9));
  }

  @Test
  void saturatedConvolutionOutputsAreCounted() throws Exception {
    MultiLayerNetwork net = cnn("sigmoid");
    // weights 0: each filter outputs sigmoid(bias) everywhere. Bias 10 (> 5: saturated) for filter
    // 0, 0 for the
    // others (sigmoid 0.5): a third of all outputs saturated
    net.getLayer(0).getParam("W").assign(0);
    INDArray b = net.getLayer(0).getParam("b");
    b.assign(0);
    b.putScalar(0, 10);

    LayerStats conv = measure(net, images(DataType.FLOAT)).get(0);
    assertThat(conv.getSaturatedFraction()).isCloseTo(1.0 / 3, within(1e-9));
    assertThat(conv.getDeadFraction()).isNull(); // sigmoid units do not die
  }

  @Test
  void snapshotsHoldTheConvolutionsWeights() throws Exception {
    Map<Integer, INDArray> before = EpochProbe.snapshotWeights(cnn("relu"));

    assertThat(before.keySet())
        .containsExactlyInAnyOrder(0, 2, 3); // conv, dense, output; not the pooling layer
    assertThat(before.get(0).shape()).containsExactly(3, 1, 3, 3);
  }
}
