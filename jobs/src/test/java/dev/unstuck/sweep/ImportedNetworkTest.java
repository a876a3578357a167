package dev.unstuck.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unstuck.spec.RunConfig;
import dev.unstuck.spec.SpecParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.GaussianNoise;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * An imported network (the fixtures of {@code src/test/resources/models/}, see the README there) as
 * DL4J builds it for a variant: checked against the same network written with DL4J's builders, and
 * against the data's shape.
 */
class ImportedNetworkTest {
  static final Path MODELS = Path.of("src/test/resources/models").toAbsolutePath();
  private static final int DIGIT_PIXELS = 64;
  private static final int DIGITS = 10;

  @TempDir Path folder;

  /**
   * The baseline of a spec whose model is {@code model: {<kind>: <fixture>}} plus {@code extra}
   * model lines.
   */
  private RunConfig baseline(String kind, String fixture, String extraModel, String training)
      throws Exception {
    return baseline(kind, fixture, extraModel, training, "");
  }

  /** As above, with {@code extraData} lines under {@code data:}. */
  private RunConfig baseline(
      String kind, String fixture, String extraModel, String training, String extraData)
      throws Exception {
    Files.writeString(folder.resolve("rows.csv"), "x\n");
    Path spec = folder.resolve("sweep.yaml");
    Files.writeString(
        spec,
        "name: imported\ndata:\n  path: rows.csv\n  label: last\n  header: false\n"
            + extraData.indent(2)
            + "model:\n  "
            + kind
            + ": "
            + MODELS.resolve(fixture)
            + "\n"
            + extraModel.indent(2)
            + "training:\n"
            + training.indent(2));
    return SpecParser.parse(spec).baseline();
  }

  @Test
  void theKerasNetworkIsTheSameAsDl4jBuildersWriteIt() throws Exception {
    RunConfig config = baseline("keras", "keras-dense-digits.json", "", "learningRate: 0.5");
    MultiLayerNetwork imported =
        new MultiLayerNetwork(
            ImportedNetwork.configuration(config, DIGIT_PIXELS, DIGITS, 42, null));
    imported.init();
    MultiLayerNetwork byHand = new MultiLayerNetwork(KerasDigitsReference.network(0.5, 42));
    byHand.init();

    assertThat(imported.numParams()).isEqualTo(64 * 32 + 32 + 32 * 10 + 10);
    assertThat(imported.params())
        .isEqualTo(byHand.params()); // same seed, same layers: the same draws
    DataSet batch =
        new DataSet(
            Nd4j.rand(16, DIGIT_PIXELS),
            Nd4j.eye(DIGITS).getRows(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5));
    for (int step = 0; step < 3; step++) {
      imported.fit(batch);
      byHand.fit(batch);
    }
    assertThat(imported.params().equalsWithEps(byHand.params(), 1e-6)).isTrue();
    assertThat(imported.getLayerWiseConfigurations().getConf(1).getLayer())
        .isInstanceOf(OutputLayer.class);
  }

  @Test
  void theKerasCnnIsTheSameAsDl4jBuildersWriteItOnFlatImageRows() throws Exception {
    RunConfig config =
        baseline("keras", "keras-cnn-digits.json", "", "learningRate: 0.5", "shape: [8, 8, 1]");
    MultiLayerNetwork imported =
        new MultiLayerNetwork(
            ImportedNetwork.configuration(config, DIGIT_PIXELS, DIGITS, 42, null));
    imported.init();
    MultiLayerNetwork byHand = new MultiLayerNetwork(KerasDigitsReference.cnn(0.5, 42));
    byHand.init();

    assertThat(imported.numParams()).isEqualTo(3 * 3 * 8 + 8 + 3 * 3 * 8 * 10 + 10);
    assertThat(imported.params()).isEqualTo(byHand.params());
    DataSet batch =
        new DataSet(
            Nd4j.rand(16, DIGIT_PIXELS),
            Nd4j.eye(DIGITS).getRows(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5));
    for (int step = 0; step < 3; step++) {
      imported.fit(batch);
      byHand.fit(batch);
    }
    assertThat(imported.params().equalsWithEps(byHand.params(), 1e-6)).isTrue();
  }

  @Test
  void aCnnWithoutDataShapeIsToldToGiveIt() throws Exception {
    RunConfig config = baseline("keras", "keras-cnn-digits.json", "", "epochs: 1");

    assertThat(ImportedNetwork.problem(config.model(), DIGIT_PIXELS, DIGITS))
        .contains(
            "model.keras: layer 0"
                + " (ConvolutionLayer 'conv') takes images: give data.shape: [height, width, channels] to fold each row of"
                + " pixel columns into one");
  }

  @Test
  void aKerasModelOnLogitsGetsTheSoftmaxItsLossApplied() throws Exception {
    String logits =
        Files.readString(MODELS.resolve("keras-dense-digits.json"))
            .replace(
                "\"units\": 10, \"activation\": \"softmax\"",
                "\"units\": 10, \"activation\": \"linear\"");
    assertThat(logits).contains("\"activation\": \"linear\"");
    Path file = Files.writeString(folder.resolve("logits.json"), logits);
    RunConfig config = baseline("keras", file.toString(), "", "epochs: 1");

    OutputLayer output =
        (OutputLayer)
            ImportedNetwork.configuration(config, DIGIT_PIXELS, DIGITS, 1, null)
                .getConf(1)
                .getLayer();

    assertThat(output.getActivationFn()).isInstanceOf(ActivationSoftmax.class);
    assertThat(output.getLossFn()).isInstanceOf(LossMCXENT.class);
  }

  @Test
  void aModelSavedWithModelSerializerGivesItsConfigurationAndTrainsFromInitialisation()
      throws Exception {
    MultiLayerNetwork saved = new MultiLayerNetwork(KerasDigitsReference.network(0.1, 5));
    saved.init();
    saved.params().assign(0.25); // weights a sweep must not start from
    Path zip = folder.resolve("digits.zip");
    ModelSerializer.writeModel(saved, zip.toFile(), true);

    RunConfig config = baseline("dl4j", zip.toString(), "", "learningRate: 0.1");
    MultiLayerNetwork imported =
        new MultiLayerNetwork(ImportedNetwork.configuration(config, DIGIT_PIXELS, DIGITS, 5, null));
    imported.init();

    MultiLayerNetwork fresh = new MultiLayerNetwork(KerasDigitsReference.network(0.1, 5));
    fresh.init();
    assertThat(imported.params()).isEqualTo(fresh.params());
  }

  @Test
  void theSpecsTrainingReplacesTheFilesUpdaterOnEveryLayer() throws Exception {
    MultiLayerConfiguration file =
        MultiLayerConfiguration.fromJson(
            Files.readString(MODELS.resolve("dl4j-dense-digits.json")));
    assertThat(((BaseLayer) file.getConf(0).getLayer()).getIUpdater()).isEqualTo(new Adam(0.001));

    RunConfig config =
        baseline("dl4j", "dl4j-dense-digits.json", "", "optimizer: sgd\nlearningRate: 3");
    MultiLayerConfiguration conf =
        ImportedNetwork.configuration(config, DIGIT_PIXELS, DIGITS, 7, null);

    for (NeuralNetConfiguration layer : conf.getConfs()) {
      assertThat(((BaseLayer) layer.getLayer()).getIUpdater()).isEqualTo(new Sgd(3.0));
      assertThat(layer.getSeed()).isEqualTo(7);
    }
  }

  @Test
  void penaltiesDropoutNoiseClippingActivationAndInitGoOnEveryLayerAsTheSpecSays()
      throws Exception {
    RunConfig config =
        baseline(
            "keras",
            "keras-dense-digits.json",
            "l2: 0.01\ndropout: 0.25\nactivation: tanh\n" + "init: he",
            "gradientClip: 2\ninputNoise: 0.1");

    List<NeuralNetConfiguration> confs =
        ImportedNetwork.configuration(config, DIGIT_PIXELS, DIGITS, 1, null).getConfs();

    BaseLayer hidden = (BaseLayer) confs.get(0).getLayer();
    BaseLayer output = (BaseLayer) confs.get(1).getLayer();
    assertThat(hidden.getRegularization()).containsExactly(new L2Regularization(0.01));
    assertThat(output.getRegularization()).containsExactly(new L2Regularization(0.01));
    assertThat(hidden.getIDropout())
        .isEqualTo(new GaussianNoise(0.1)); // noise on the inputs of the first layer
    assertThat(output.getIDropout())
        .isEqualTo(new Dropout(0.75)); // DL4J keeps a unit with probability 1 - rate
    assertThat(hidden.getGradientNormalization()).isEqualTo(GradientNormalization.ClipL2PerLayer);
    assertThat(output.getGradientNormalizationThreshold()).isEqualTo(2.0);
    assertThat(hidden.getActivationFn()).isInstanceOf(ActivationTanH.class);
    assertThat(output.getActivationFn())
        .isInstanceOf(ActivationSoftmax.class); // the output keeps its softmax
    assertThat(hidden.getWeightInitFn()).isEqualTo(WeightInit.RELU.getWeightInitFunction());
    assertThat(output.getWeightInitFn()).isEqualTo(WeightInit.RELU.getWeightInitFunction());
  }

  @Test
  void classWeightsWeightTheOutputLoss() throws Exception {
    RunConfig config = baseline("dl4j", "dl4j-dense-digits.json", "", "resample: classWeights");
    double[] weights = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    OutputLayer output =
        (OutputLayer)
            ImportedNetwork.configuration(config, DIGIT_PIXELS, DIGITS, 1, weights)
                .getConf(1)
                .getLayer();

    INDArray lossWeights = ((LossMCXENT) output.getLossFn()).getWeights();
    assertThat(lossWeights.toDoubleVector()).containsExactly(weights);
  }

  @Test
  void aNetworkSizedForOtherInputsNamesTheLayerAndBothNumbers() throws Exception {
    RunConfig config = baseline("dl4j", "dl4j-dense-digits.json", "", "epochs: 1");

    assertThat(ImportedNetwork.problem(config.model(), 13, DIGITS))
        .contains(
            "model.dl4j: layer 0 (DenseLayer 'hidden') takes 64 inputs (nIn), but the data has 13 feature columns");
    assertThatThrownBy(() -> ImportedNetwork.configuration(config, 13, DIGITS, 1, null))
        .hasMessageContaining("takes 64 inputs (nIn), but the data has 13 feature columns");
  }

  @Test
  void aNetworkWithOtherClassesNamesTheOutputLayerAndBothNumbers() throws Exception {
    RunConfig config = baseline("keras", "keras-dense-digits.json", "", "epochs: 1");

    assertThat(ImportedNetwork.problem(config.model(), DIGIT_PIXELS, 3))
        .contains(
            "model.keras: the output layer (layer 1, OutputLayer 'digit') has 10 outputs (nOut), but the data's label"
                + " has 3 classes");
    assertThat(ImportedNetwork.problem(config.model(), DIGIT_PIXELS, DIGITS)).isEmpty();
  }

  @Test
  void anImageShapeTheLayersDoNotFitIsFoundBeforeTraining() throws Exception {
    // 16x4 is 64 values, as many as the data has, but after conv 3x3 and pool 2x2 the dense layer
    // gets 7x1x8 = 56
    // values where the Keras model (built for 8x8: 3x3x8) has 72 weights per unit
    RunConfig config =
        baseline("keras", "keras-cnn-digits.json", "", "epochs: 1", "shape: [16, 4, 1]");

    String problem = ImportedNetwork.problem(config.model(), DIGIT_PIXELS, DIGITS).orElseThrow();

    assertThat(problem)
        .startsWith(
            "model.keras: DL4J cannot run the network of '"
                + MODELS.resolve("keras-cnn-digits.json")
                + "' on one row of 64 feature columns: ")
        .doesNotContain("\n");
    assertThat(
            ImportedNetwork.problem(
                baseline("keras", "keras-cnn-digits.json", "", "epochs: 1", "shape: [8, 8, 1]")
                    .model(),
                DIGIT_PIXELS,
                DIGITS))
        .isEmpty();
  }

  @Test
  void aHandCutDl4jJsonMissingWhatDl4jNeedsIsFoundBeforeTraining() throws Exception {
    // no optimisation algorithm: DL4J reads the missing field as null and fails when the network is
    // built
    Path file =
        Files.writeString(
            folder.resolve("cut.json"),
            """
        {"confs": [{"layer": {"@class": "org.deeplearning4j.nn.conf.layers.OutputLayer", "nin": 64, "nout": 10,
          "activationFn": {"@class": "org.nd4j.linalg.activations.impl.ActivationSoftmax"},
          "weightInitFn": {"@class": "org.deeplearning4j.nn.weights.WeightInitXavier"},
          "iupdater": {"@class": "org.nd4j.linalg.learning.config.Sgd", "learningRate": 0.1},
          "lossFn": {"@class": "org.nd4j.linalg.lossfunctions.impl.LossMCXENT"}}}]}""");
    RunConfig config = baseline("dl4j", file.toString(), "", "epochs: 1");

    assertThat(ImportedNetwork.problem(config.model(), DIGIT_PIXELS, DIGITS))
        .hasValueSatisfying(
            problem ->
                assertThat(problem)
                    .startsWith(
                        "model.dl4j: DL4J cannot run the network of '"
                            + file
                            + "' on one row of 64"
                            + " feature columns: ")
                    .contains("getOptimizationAlgo()"));
  }

  @Test
  void aJsonDl4jCannotReadIsOneLineNamingTheFile() throws Exception {
    Path file =
        Files.writeString(
            folder.resolve("odd.json"),
            """
        {"confs": [{"layer": {"@class": "org.example.NoSuchLayer", "nin": 64, "nout": 10}}]}""");
    Files.writeString(folder.resolve("rows.csv"), "x\n");
    Path spec =
        Files.writeString(
            folder.resolve("odd.yaml"),
            "name: odd\ndata:\n  path: rows.csv\n  label: last\n" + "model:\n  dl4j: odd.json\n");
    RunConfig config =
        SpecParser.parse(spec).baseline(); // the spec's own check sees a layer list and lets it by

    String problem = ImportedNetwork.problem(config.model(), DIGIT_PIXELS, DIGITS).orElseThrow();

    assertThat(problem)
        .startsWith("model.dl4j: DL4J cannot read '" + file + "' as a MultiLayerConfiguration: ")
        .doesNotContain("\n");
  }

  @Test
  void aKerasLayerDl4jDoesNotImportIsOneLineNamingTheFile() throws Exception {
    Path file =
        Files.writeString(
            folder.resolve("lambda.json"),
            """
        {"class_name": "Sequential", "config": {"name": "s", "layers": [
          {"class_name": "Lambda", "config": {"name": "l", "batch_input_shape": [null, 64]}},
          {"class_name": "Dense", "config": {"name": "out", "units": 10, "activation": "softmax"}}]},
         "keras_version": "2.11.0", "backend": "tensorflow"}""");
    Files.writeString(folder.resolve("rows.csv"), "x\n");
    Path spec =
        Files.writeString(
            folder.resolve("lambda.yaml"),
            "name: lambda\ndata:\n  path: rows.csv\n"
                + "  label: last\nmodel:\n  keras: lambda.json\n");
    RunConfig config = SpecParser.parse(spec).baseline();

    String problem = ImportedNetwork.problem(config.model(), DIGIT_PIXELS, DIGITS).orElseThrow();

    assertThat(problem)
        .startsWith("model.keras: DL4J cannot read '" + file + "' as a Keras Sequential model: ")
        .doesNotContain("\n");
  }

  @Test
  void kerasJsonImportNeedsNoHdf5Natives() throws Exception {
    // jobs/pom.xml leaves the HDF5 natives out of deeplearning4j-modelimport: the import above ran
    // without them
    assertThatThrownBy(() -> Class.forName("org.bytedeco.hdf5.global.hdf5"))
        .isInstanceOf(ClassNotFoundException.class);
    RunConfig config = baseline("keras", "keras-dense-digits.json", "", "epochs: 1");
    assertThat(ImportedNetwork.configuration(config, DIGIT_PIXELS, DIGITS, 1, null).getConfs())
        .hasSize(2);
  }
}
