package dev.unstuck.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.spec.RunConfig;
import dev.unstuck.spec.SpecParser;
import java.util.Arrays;
import java.util.Optional;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@code model.layers} list as DL4J builds it: the layers in order, and the sizes DL4J itself
 * derives from the input type agree with the spec check's rule (valid: floor((in - k) / s) + 1,
 * same: ceil(in / s)), worked by hand.
 */
class LayerListNetworkTest {

  private static RunConfig config(String batchNorm) throws Exception {
    return SpecParser.parse(
            """
        name: layers
        data:
          path: unused.csv
          label: last
          shape: [28, 28, 1]
        model:
          activation: tanh
          batchNorm: %s
          layers:
            - conv2d: {filters: 8, kernel: 5, padding: same, activation: relu}
            - maxpool: {kernel: 2}
            - conv2d: {filters: 16, kernel: [3, 1], stride: 2}
            - batchnorm
            - flatten
            - dropout: {rate: 0.25}
            - dense: {units: 32}
        training:
          epochs: 1
        """
                .formatted(batchNorm),
            "test",
            Optional.empty())
        .baseline();
  }

  private static Class<?>[] kinds(MultiLayerConfiguration conf) {
    return conf.getConfs().stream().map(c -> c.getLayer().getClass()).toArray(Class<?>[]::new);
  }

  @Test
  void theLayersAreBuiltInOrderAndSizedAsTheSpecCheckComputes() throws Exception {
    MultiLayerConfiguration conf = NetworkFactory.configuration(config("false"), 784, 10, 1, null);

    // flatten is no layer of its own
    assertThat(kinds(conf))
        .containsExactly(
            ConvolutionLayer.class,
            SubsamplingLayer.class,
            ConvolutionLayer.class,
            BatchNormalization.class,
            DropoutLayer.class,
            DenseLayer.class,
            OutputLayer.class);
    // 28x28 -> conv 5 same: 28x28x8 -> maxpool 2: 14x14x8 -> conv [3, 1] stride 2 valid:
    // floor(11/2)+1 = 6 by
    // floor(13/2)+1 = 7, 16 channels -> 672 values into the dense layer
    Layer dense = conf.getConf(5).getLayer();
    assertThat(((DenseLayer) dense).getNIn()).isEqualTo(6 * 7 * 16);
    assertThat(((ConvolutionLayer) conf.getConf(2).getLayer()).getNIn()).isEqualTo(8);
    // rate 0.25 of dropping is DL4J's 0.75 of keeping
    assertThat(((Dropout) conf.getConf(4).getLayer().getIDropout()).getP()).isEqualTo(0.75);
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    assertThat(net.output(Nd4j.rand(3, 784)).shape()).containsExactly(3, 10);
  }

  @Test
  void batchNormGoesAfterEachWeightLayerNotAlreadyFollowedByOne() throws Exception {
    Class<?>[] kinds = kinds(NetworkFactory.configuration(config("true"), 784, 10, 1, null));

    // after the first conv2d and the dense layer; the second conv2d has its own batchnorm already
    assertThat(kinds)
        .containsExactly(
            ConvolutionLayer.class,
            BatchNormalization.class,
            SubsamplingLayer.class,
            ConvolutionLayer.class,
            BatchNormalization.class,
            DropoutLayer.class,
            DenseLayer.class,
            BatchNormalization.class,
            OutputLayer.class);
    assertThat(Arrays.stream(kinds).filter(BatchNormalization.class::equals).count()).isEqualTo(3);
  }
}
