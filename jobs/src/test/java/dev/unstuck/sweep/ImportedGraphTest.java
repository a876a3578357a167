package dev.unstuck.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unstuck.spec.RunConfig;
import dev.unstuck.spec.SpecParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.GaussianNoise;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * A graph the user brought (the functional Keras and DL4J ComputationGraph fixtures of {@code
 * src/test/resources/models/}) as DL4J builds it for a variant: checked against the same graph
 * written with DL4J's GraphBuilder, and against the data's shape.
 */
class ImportedGraphTest {
  private static final String KERAS = "keras-functional-digits.json";
  private static final String DL4J = "dl4j-graph-digits.json";
  private static final String CNN = "keras-cnn-branches-digits.json";
  private static final int PIXELS = KerasDigitsReference.PIXELS;
  private static final int DIGITS = KerasDigitsReference.DIGITS;

  @TempDir Path folder;

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
        "name: graph\ndata:\n  path: rows.csv\n  label: last\n  header: false\n"
            + extraData.indent(2)
            + "model:\n  "
            + kind
            + ": "
            + ImportedNetworkTest.MODELS.resolve(fixture)
            + "\n"
            + extraModel.indent(2)
            + "training:\n"
            + training.indent(2));
    return SpecParser.parse(spec).baseline();
  }

  private static ComputationGraph built(NetworkDefinition definition) {
    return definition.map(
        sequence -> {
          throw new AssertionError("expected a graph, got a layer sequence");
        },
        conf -> {
          ComputationGraph graph = new ComputationGraph(conf);
          graph.init();
          return graph;
        });
  }

  @Test
  void theFunctionalKerasModelIsTheGraphDl4jsGraphBuilderWrites() throws Exception {
    RunConfig config = baseline("keras", KERAS, "", "learningRate: 0.5");
    ComputationGraph imported = built(NetworkFactory.network(config, PIXELS, DIGITS, 42, null));
    ComputationGraph byHand = new ComputationGraph(KerasBranchesReference.graph(0.5, 42));
    byHand.init();

    assertThat(imported.numParams()).isEqualTo(64 * 32 + 32 + 64 * 16 + 16 + 48 * 10 + 10);
    assertThat(imported.params()).isEqualTo(byHand.params()); // same seed, same vertices
    DataSet batch =
        new DataSet(
            Nd4j.rand(16, PIXELS),
            Nd4j.eye(DIGITS).getRows(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5));
    for (int step = 0; step < 3; step++) {
      imported.fit(batch);
      byHand.fit(batch);
    }
    assertThat(imported.params().equalsWithEps(byHand.params(), 1e-6)).isTrue();
    OutputLayer output = (OutputLayer) imported.getLayer("digit").conf().getLayer();
    assertThat(output.getActivationFn()).isInstanceOf(ActivationSoftmax.class);
    assertThat(output.getLossFn()).isInstanceOf(LossMCXENT.class);
  }

  @Test
  void theDl4jGraphTrainsFromItsOwnLayersWithTheSpecsUpdater() throws Exception {
    RunConfig config = baseline("dl4j", DL4J, "", "optimizer: sgd\nlearningRate: 3");

    ComputationGraphConfiguration conf =
        ImportedGraph.configuration(config, PIXELS, DIGITS, 7, null);

    assertThat(conf.getNetworkInputs()).containsExactly("pixels");
    assertThat(conf.getDefaultConfiguration().getSeed()).isEqualTo(7);
    for (String layer : new String[] {"hidden", "deeper", "digit"}) {
      LayerVertex vertex = (LayerVertex) conf.getVertices().get(layer);
      assertThat(((BaseLayer) vertex.getLayerConf().getLayer()).getIUpdater())
          .as(layer)
          .isEqualTo(new Sgd(3.0));
    }
    assertThat(ImportedNetwork.problem(config.model(), PIXELS, DIGITS)).isEmpty();
  }

  @Test
  void settingsGoOnEveryLayerVertexNoiseWhereTheInputIsReadDropoutElsewhere() throws Exception {
    RunConfig config =
        baseline(
            "dl4j",
            DL4J,
            "l2: 0.01\ndropout: 0.25\nactivation: tanh\ninit: he",
            "gradientClip: 2\ninputNoise: 0.1");

    ComputationGraphConfiguration conf =
        ImportedGraph.configuration(config, PIXELS, DIGITS, 1, null);

    BaseLayer hidden = layer(conf, "hidden");
    BaseLayer deeper = layer(conf, "deeper");
    BaseLayer output = layer(conf, "digit");
    for (BaseLayer layer : new BaseLayer[] {hidden, deeper, output}) {
      assertThat(layer.getRegularization()).containsExactly(new L2Regularization(0.01));
      assertThat(layer.getGradientNormalization()).isEqualTo(GradientNormalization.ClipL2PerLayer);
      assertThat(layer.getWeightInitFn()).isEqualTo(WeightInit.RELU.getWeightInitFunction());
    }
    assertThat(hidden.getIDropout()).isEqualTo(new GaussianNoise(0.1)); // reads the pixels
    assertThat(deeper.getIDropout()).isEqualTo(new Dropout(0.75));
    assertThat(output.getIDropout()).isEqualTo(new Dropout(0.75)); // reads the sum of two layers
    assertThat(hidden.getActivationFn()).isInstanceOf(ActivationTanH.class);
    assertThat(deeper.getActivationFn()).isInstanceOf(ActivationTanH.class);
    assertThat(output.getActivationFn()).isInstanceOf(ActivationSoftmax.class);
  }

  private static BaseLayer layer(ComputationGraphConfiguration conf, String name) {
    return (BaseLayer) ((LayerVertex) conf.getVertices().get(name)).getLayerConf().getLayer();
  }

  @Test
  void aGraphSizedForOtherInputsNamesTheLayerAndBothNumbers() throws Exception {
    RunConfig config = baseline("keras", KERAS, "", "epochs: 1");

    assertThat(ImportedNetwork.problem(config.model(), 13, DIGITS))
        .contains(
            "model.keras: layer 'wide' (DenseLayer) takes 64 inputs (nIn), but the data has 13"
                + " feature columns");
    assertThatThrownBy(() -> NetworkFactory.network(config, 13, DIGITS, 1, null))
        .hasMessageContaining("takes 64 inputs (nIn), but the data has 13 feature columns");
  }

  @Test
  void aGraphWithOtherClassesNamesTheOutputLayerAndBothNumbers() throws Exception {
    RunConfig keras = baseline("keras", KERAS, "", "epochs: 1");
    RunConfig dl4j = baseline("dl4j", DL4J, "", "epochs: 1");

    assertThat(ImportedNetwork.problem(keras.model(), PIXELS, 3))
        .contains(
            "model.keras: the output layer 'digit' (OutputLayer) has 10 outputs (nOut), but the"
                + " data's label has 3 classes");
    assertThat(ImportedNetwork.problem(dl4j.model(), PIXELS, 3))
        .contains(
            "model.dl4j: the output layer 'digit' (OutputLayer) has 10 outputs (nOut), but the"
                + " data's label has 3 classes");
    assertThat(ImportedNetwork.problem(keras.model(), PIXELS, DIGITS)).isEmpty();
  }

  @Test
  void aGraphWhoseLayersDoNotConnectIsFoundBeforeTraining() throws Exception {
    // 'hidden' cut to 20 outputs: 'deeper' takes 32 inputs (nIn) from it, and the sum adds a
    // 20-wide and a 32-wide activation; the first and the output layer still fit the data
    String cut =
        Files.readString(ImportedNetworkTest.MODELS.resolve(DL4J))
            .replaceFirst("\"nout\" : 32,", "\"nout\" : 20,");
    Path file = Files.writeString(folder.resolve("cut.json"), cut);
    assertThat(cut).isNotEqualTo(Files.readString(ImportedNetworkTest.MODELS.resolve(DL4J)));
    RunConfig config = baseline("dl4j", file.toString(), "", "epochs: 1");

    assertThat(ImportedNetwork.problem(config.model(), PIXELS, DIGITS))
        .hasValueSatisfying(
            problem ->
                assertThat(problem)
                    .startsWith(
                        "model.dl4j: DL4J cannot run the network of '"
                            + file
                            + "' on one row of 64 feature columns: ")
                    .doesNotContain("\n"));
  }

  @Test
  void aFunctionalCnnIsTheGraphDl4jsGraphBuilderWritesOnFlatImageRows() throws Exception {
    RunConfig config = baseline("keras", CNN, "", "learningRate: 0.5", "shape: [8, 8, 1]");
    assertThat(ImportedNetwork.problem(config.model(), PIXELS, DIGITS)).isEmpty();
    ComputationGraph imported = built(NetworkFactory.network(config, PIXELS, DIGITS, 42, null));
    ComputationGraph byHand = new ComputationGraph(KerasBranchesReference.cnn(0.5, 42));
    byHand.init();

    assertThat(imported.numParams()).isEqualTo(2 * (3 * 3 * 4 + 4) + 6 * 6 * 8 * 10 + 10);
    assertThat(imported.params()).isEqualTo(byHand.params());
    DataSet batch =
        new DataSet(
            Nd4j.rand(16, PIXELS),
            Nd4j.eye(DIGITS).getRows(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5));
    for (int step = 0; step < 3; step++) {
      imported.fit(batch);
      byHand.fit(batch);
    }
    assertThat(imported.params().equalsWithEps(byHand.params(), 1e-6)).isTrue();
  }

  @Test
  void aFunctionalCnnWithoutDataShapeIsToldToGiveIt() throws Exception {
    RunConfig config = baseline("keras", CNN, "", "epochs: 1", "");

    assertThat(ImportedNetwork.problem(config.model(), PIXELS, DIGITS))
        .hasValueSatisfying(
            problem ->
                assertThat(problem)
                    .matches(
                        "model\\.keras: layer 'conv_[ab]' \\(ConvolutionLayer 'conv_[ab]'\\) takes"
                            + " images: give data\\.shape: \\[height, width, channels\\] to fold"
                            + " each row of pixel columns into one"));
  }

  @Test
  void aGraphSavedWithModelSerializerGivesItsConfigurationAndTrainsFromInitialisation()
      throws Exception {
    ComputationGraph saved = new ComputationGraph(KerasBranchesReference.graph(0.1, 5));
    saved.init();
    saved.params().assign(0.25); // weights a sweep must not start from
    Path zip = folder.resolve("branches.zip");
    ModelSerializer.writeModel(saved, zip.toFile(), true);

    RunConfig config = baseline("dl4j", zip.toString(), "", "learningRate: 0.1");
    ComputationGraph imported = built(NetworkFactory.network(config, PIXELS, DIGITS, 5, null));

    ComputationGraph fresh = new ComputationGraph(KerasBranchesReference.graph(0.1, 5));
    fresh.init();
    assertThat(imported.params()).isEqualTo(fresh.params());
  }
}
