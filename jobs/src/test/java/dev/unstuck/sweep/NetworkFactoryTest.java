package dev.unstuck.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.unstuck.spec.RunConfig;
import dev.unstuck.spec.SpecParser;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What an {@code init} name means, measured on the weights DL4J draws: names mean what DL4J means
 * by them (issue 10), and the deliberately poor N(0, 1) has its own name.
 */
class NetworkFactoryTest {
  private static final int FAN_IN = 400;

  private static RunConfig config(String init) throws Exception {
    return SpecParser.parse(
            """
        name: init-%s
        data:
          path: unused.csv
          label: last
        model:
          hidden: [200]
          activation: relu
          init: %s
        training:
          epochs: 1
        """
                .formatted(init, init),
            "test",
            Optional.empty())
        .baseline();
  }

  /** Standard deviation of the first layer's weights (FAN_IN x 200 = 80,000 draws). */
  private static double firstLayerStd(String init) throws Exception {
    MultiLayerNetwork net =
        new MultiLayerNetwork(NetworkFactory.configuration(config(init), FAN_IN, 3, 1, null));
    net.init();
    INDArray weights = net.getLayer(0).getParam("W");
    return weights.stdNumber().doubleValue();
  }

  @Test
  void normalIsDl4jsNormalWithVarianceOneOverFanIn() throws Exception {
    // WeightInit.NORMAL: N(0, 1/fanIn), std 1/sqrt(400) = 0.05 (it used to be N(0, 1) here)
    assertThat(firstLayerStd("normal")).isCloseTo(1 / Math.sqrt(FAN_IN), within(0.002));
  }

  @Test
  void unitNormalIsTheDeliberatelyPoorStandardNormal() throws Exception {
    assertThat(firstLayerStd("unitNormal")).isCloseTo(1.0, within(0.02));
  }

  @Test
  void heAndXavierKeepTheirDl4jMeanings() throws Exception {
    // he = WeightInit.RELU: N(0, 2/fanIn); xavier: N(0, 2/(fanIn + fanOut)) = N(0, 2/600)
    assertThat(firstLayerStd("he")).isCloseTo(Math.sqrt(2.0 / FAN_IN), within(0.003));
    assertThat(firstLayerStd("xavier")).isCloseTo(Math.sqrt(2.0 / (FAN_IN + 200)), within(0.003));
  }

  @Test
  void uniformIsDl4jsUniformWithinOneOverSqrtFanIn() throws Exception {
    // U(-a, a) with a = 1/sqrt(fanIn): std a/sqrt(3)
    assertThat(firstLayerStd("uniform"))
        .isCloseTo(1 / Math.sqrt(FAN_IN) / Math.sqrt(3), within(0.002));
  }
}
