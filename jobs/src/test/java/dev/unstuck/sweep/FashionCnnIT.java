package dev.unstuck.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.avro.LayerStats;
import dev.unstuck.diagnosis.Symptom;
import dev.unstuck.spec.SpecParser;
import dev.unstuck.spec.SweepSpec;
import dev.unstuck.testing.LocalSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The Fashion-MNIST CNN example end to end on a subset: the expectation first checked by plain DL4J
 * with none of Unstuck's code ({@link FashionCnnReference}: the sigmoid CNN stays at chance, batch
 * normalisation makes it learn), then the example itself, smaller, through the real sweep job (IDX
 * reading, the layer list built by NetworkFactory, the probe on conv layers), diagnosed and judged
 * by the product's rules.
 */
class FashionCnnIT {
  static final Path EXAMPLE =
      Path.of("..", "deploy", "examples", "fashion-cnn-sigmoid.yaml").toAbsolutePath().normalize();

  /**
   * 1500 images, 6 epochs, one seed: the example's fault and fix, on a subset small enough for a
   * test.
   */
  static final int ROWS = 1500;

  static final int EPOCHS = 6;

  @Test
  void theSigmoidCnnIsDiagnosedNotLearningAndBatchNormResolvesIt() throws Exception {
    assumeTrue(
        Files.exists(FashionCnnReference.IMAGES), "needs apt-get install dataset-fashion-mnist");

    // the reference: plain DL4J on the first 1200 images, validated on the next 300
    DataSet data = FashionCnnReference.read(ROWS);
    double[] plainBaseline =
        FashionCnnReference.train(
            new FashionCnnReference.Network(Activation.SIGMOID, false, false, 0.1),
            data,
            ROWS * 4 / 5,
            EPOCHS,
            32,
            1);
    double[] plainBatchNorm =
        FashionCnnReference.train(
            new FashionCnnReference.Network(Activation.SIGMOID, false, true, 0.1),
            data,
            ROWS * 4 / 5,
            EPOCHS,
            32,
            1);
    assertThat(plainBaseline[EPOCHS - 1]).as("reference baseline (chance is 0.1)").isLessThan(0.15);
    assertThat(plainBatchNorm[EPOCHS - 1])
        .as("reference with batch normalisation")
        .isGreaterThan(0.5);

    String yaml = Files.readString(EXAMPLE);
    for (String[] change :
        new String[][] {
          {"limit: 3000", "limit: " + ROWS},
          {"epochs: 8", "epochs: " + EPOCHS},
          {"seeds: 2", "seeds: 1"},
          {"  - activation: [relu]\n", ""},
          {"  - optimizer: [adam]\n", ""}
        }) {
      assertThat(yaml).contains(change[0]);
      yaml = yaml.replace(change[0], change[1]);
    }
    SweepSpec spec = SpecParser.parse(yaml, EXAMPLE.toString(), Optional.of(EXAMPLE.getParent()));
    // the same network as the reference: NetworkFactory's build of the example has the reference's
    // parameters
    MultiLayerNetwork built =
        new MultiLayerNetwork(NetworkFactory.configuration(spec.baseline(), 784, 10, 1, null));
    built.init();
    MultiLayerNetwork reference =
        new MultiLayerNetwork(
            FashionCnnReference.configuration(
                new FashionCnnReference.Network(Activation.SIGMOID, false, false, 0.1), 1));
    reference.init();
    assertThat(built.numParams()).isEqualTo(reference.numParams());

    CollectingSink sink = new CollectingSink();
    SweepResult result =
        SweepJob.run(LocalSpark.session(), spec, sink, null, TrainingSettings.DEFAULTS);

    assertThat(result.allReachedFinalState()).isTrue();
    Verdicts verdicts = new Verdicts(sink.records);
    assertThat(verdicts.baselineSymptoms()).contains(Symptom.NOT_LEARNING);
    assertThat(verdicts.resolvedBy("batchnorm")).contains(Symptom.NOT_LEARNING);
    assertThat(verdicts.finalBalancedAccuracy("batchnorm")).allMatch(accuracy -> accuracy > 0.5);
    EpochTelemetry first =
        sink.records.stream()
            .filter(r -> r.getVariantId().equals("baseline"))
            .findFirst()
            .orElseThrow();
    assertThat(first.getLayers())
        .extracting(LayerStats::getKind)
        .containsExactly("conv2d", "conv2d", "dense", "output");
    assertThat(first.getLayers()).extracting(LayerStats::getUnits).containsExactly(8, 16, 32, 10);
  }
}
