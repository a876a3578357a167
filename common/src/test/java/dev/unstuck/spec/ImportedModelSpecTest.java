package dev.unstuck.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.unstuck.diagnosis.Symptom;
import dev.unstuck.fix.AutoFixes;
import dev.unstuck.fix.Fix;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code model: {dl4j: PATH}} and {@code model: {keras: PATH}}: what the spec reads, and each kind
 * of mistake.
 */
class ImportedModelSpecTest {
  /** The shape of what Keras' model.to_json() writes, cut to what matters here. */
  private static final String KERAS_SEQUENTIAL =
      """
      {"class_name": "Sequential", "config": {"name": "s", "layers": [
        {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 4], "name": "in"}},
        {"class_name": "Dense", "config": {"name": "h", "units": 8, "activation": "relu"}},
        {"class_name": "Dense", "config": {"name": "out", "units": 3, "activation": "softmax"}}]},
       "keras_version": "2.11.0", "backend": "tensorflow"}""";

  private static final String KERAS_ONLY_OUTPUT =
      """
      {"class_name": "Sequential", "config": {"name": "s", "layers": [
        {"class_name": "Dense", "config": {"name": "out", "units": 3, "activation": "softmax",
         "batch_input_shape": [null, 4]}}]}}""";

  /**
   * A functional model with two branches, as model.to_json() writes it (cut to what matters): the
   * output layer listed before a branch, as a model built out of order lists it.
   */
  private static final String KERAS_FUNCTIONAL =
      """
      {"class_name": "Functional", "config": {"name": "f", "layers": [
        {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 4], "name": "in"}, "name": "in",
         "inbound_nodes": []},
        {"class_name": "Dense", "config": {"name": "a", "units": 8, "activation": "relu"}, "name": "a",
         "inbound_nodes": [[["in", 0, 0, {}]]]},
        {"class_name": "Dense", "config": {"name": "out", "units": 3, "activation": "softmax"}, "name": "out",
         "inbound_nodes": [[["merged", 0, 0, {}]]]},
        {"class_name": "Conv1D", "config": {"name": "b", "filters": 2}, "name": "b",
         "inbound_nodes": [[["in", 0, 0, {}]]]},
        {"class_name": "Concatenate", "config": {"name": "merged", "axis": -1}, "name": "merged",
         "inbound_nodes": [[["a", 0, 0, {}], ["b", 0, 0, {}]]]}],
       "input_layers": [["in", 0, 0]], "output_layers": [["out", 0, 0]]},
       "keras_version": "2.11.0", "backend": "tensorflow"}""";

  /**
   * The top-level keys of DL4J's conf.toJson() for a MultiLayerConfiguration, with layer classes
   * only.
   */
  private static final String DL4J_LAYERS =
      """
      {"backpropType": "Standard", "confs": [
        {"layer": {"@class": "org.deeplearning4j.nn.conf.layers.DenseLayer", "nin": 4, "nout": 8}},
        {"layer": {"@class": "org.deeplearning4j.nn.conf.layers.OutputLayer", "nin": 8, "nout": 3}}]}""";

  /** The keys of DL4J's conf.toJson() for a ComputationGraphConfiguration that matter here. */
  private static final String DL4J_GRAPH =
      """
      {"networkInputs": ["in"], "networkOutputs": ["out"], "vertices": {
        "out": {"@class": "org.deeplearning4j.nn.conf.graph.LayerVertex",
                "layerConf": {"layer": {"@class": "org.deeplearning4j.nn.conf.layers.OutputLayer"}}},
        "h": {"@class": "org.deeplearning4j.nn.conf.graph.LayerVertex",
              "layerConf": {"layer": {"@class": "org.deeplearning4j.nn.conf.layers.DenseLayer"}}},
        "sum": {"@class": "org.deeplearning4j.nn.conf.graph.ElementWiseVertex", "op": "Add"}},
       "vertexInputs": {"h": ["in"], "sum": ["in", "h"], "out": ["sum"]}}""";

  @TempDir Path folder;

  @BeforeEach
  void data() throws IOException {
    Files.writeString(folder.resolve("rows.csv"), "a,b,c,d,label\n");
  }

  private SweepSpec parse(String model, String fixes) throws SpecException, IOException {
    return SpecParser.parse(spec(model, fixes));
  }

  private Path spec(String model, String fixes) throws IOException {
    Path spec = folder.resolve("sweep.yaml");
    Files.writeString(
        spec,
        "name: mine\ndata:\n  path: rows.csv\n  label: label\nmodel:\n"
            + model.indent(2)
            + "training:\n  learningRate: 0.05\n"
            + (fixes.isEmpty() ? "" : "fixes:\n" + fixes.indent(2)));
    return spec;
  }

  /** Every problem as "path: message". */
  private List<String> problems(String model, String fixes) throws IOException {
    SpecException e =
        catchThrowableOfType(SpecException.class, () -> SpecParser.parse(spec(model, fixes)));
    assertThat(e).as("expected the spec to be rejected").isNotNull();
    return e.problems().stream().map(p -> p.path() + ": " + p.message()).toList();
  }

  private Path file(String name, String text) throws IOException {
    return Files.writeString(folder.resolve(name), text);
  }

  @Test
  void aKerasSequentialJsonIsReadWithItsLayersAndNothingOverridden() throws Exception {
    file("model.json", KERAS_SEQUENTIAL);

    ModelSpec model = parse("keras: model.json", "").model();

    ImportedModel imported = model.importedModel().orElseThrow();
    assertThat(imported.format()).isEqualTo(ImportedModel.Format.KERAS);
    assertThat(imported.path()).isEqualTo(folder.resolve("model.json").toString());
    assertThat(imported.json()).isEqualTo(KERAS_SEQUENTIAL);
    assertThat(imported.layers())
        .containsExactly("Dense", "Dense"); // InputLayer is not a layer DL4J builds
    assertThat(model.activation()).isNull();
    assertThat(model.init()).isNull();
    assertThat(model.loss()).isEqualTo(LossFunction.MCXENT);
    assertThat(List.of(model.dropout(), model.l1(), model.l2())).containsExactly(0.0, 0.0, 0.0);
    assertThat(model.hidden()).isEmpty();
  }

  @Test
  void aDl4jJsonIsReadWithItsLayerClasses() throws Exception {
    file("conf.json", DL4J_LAYERS);

    ImportedModel imported =
        parse("dl4j: conf.json\nl2: 1e-4", "").model().importedModel().orElseThrow();

    assertThat(imported.format()).isEqualTo(ImportedModel.Format.DL4J);
    assertThat(imported.layers()).containsExactly("DenseLayer", "OutputLayer");
  }

  @Test
  void aModelSerializerZipGivesItsConfiguration() throws Exception {
    Path zip = folder.resolve("model.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("coefficients.bin"));
      out.write(new byte[] {1, 2, 3});
      out.putNextEntry(new ZipEntry("configuration.json"));
      out.write(DL4J_LAYERS.getBytes(StandardCharsets.UTF_8));
    }

    assertThat(parse("dl4j: model.zip", "").model().importedModel().orElseThrow().json())
        .isEqualTo(DL4J_LAYERS);
  }

  @Test
  void aMissingFileIsNamed() throws Exception {
    assertThat(problems("keras: nope.json", ""))
        .containsExactly("model.keras: no such file: '" + folder.resolve("nope.json") + "'");
  }

  @Test
  void aFileThatIsNotJsonSaysWhereJsonBroke() throws Exception {
    file("conf.json", "confs:\n  - dense\n");

    assertThat(problems("dl4j: conf.json", ""))
        .singleElement()
        .asString()
        .startsWith("model.dl4j: '" + folder.resolve("conf.json") + "' is not JSON (line 1: ")
        .endsWith(
            "; expected the JSON of a DL4J MultiLayerConfiguration or ComputationGraphConfiguration"
                + " (conf.toJson()) or a ModelSerializer zip");
  }

  @Test
  void aFunctionalKerasModelIsAGraphWithItsLayersAndTheOutputLast() throws Exception {
    file("model.json", KERAS_FUNCTIONAL);

    ImportedModel imported = parse("keras: model.json", "").model().importedModel().orElseThrow();

    assertThat(imported.graph()).isTrue();
    assertThat(imported.json()).isEqualTo(KERAS_FUNCTIONAL);
    // InputLayer and Concatenate build no layer; the output goes last, whatever the file's order
    assertThat(imported.layers()).containsExactly("Dense", "Conv1D", "Dense");
    assertThat(parse("keras: model.json", "- activation: [tanh]").fixes().explicit()).hasSize(1);
  }

  @Test
  void aComputationGraphIsAGraphWithItsLayerVertices() throws Exception {
    file("graph.json", DL4J_GRAPH);

    ImportedModel imported = parse("dl4j: graph.json", "").model().importedModel().orElseThrow();

    assertThat(imported.graph()).isTrue();
    assertThat(imported.layers()).containsExactly("DenseLayer", "OutputLayer");
    file("conf.json", DL4J_LAYERS);
    assertThat(parse("dl4j: conf.json", "").model().importedModel().orElseThrow().graph())
        .isFalse();
  }

  @Test
  void onAGraphArchitectureFixesThatChangeLayersAreRefusedAndTheOthersApply() throws Exception {
    file("graph.json", DL4J_GRAPH);

    assertThat(problems("dl4j: graph.json", "- hidden: [x2]\n- batchNorm: [true]"))
        .containsExactly(
            "fixes[0].hidden: 'x2' resizes the layers Unstuck builds from model.hidden or model.layers; the network of"
                + " model.dl4j is your own, and Unstuck does not resize its layers",
            "fixes[1].batchNorm: adding batch normalisation would insert layers into the network of model.dl4j, which"
                + " Unstuck does not do: add BatchNormalization layers to your model to try it");
    assertThat(parse("dl4j: graph.json", "- activation: [tanh]\n- init: [he]").fixes().explicit())
        .extracting(Fix::toString)
        .containsExactly("activation: tanh", "init: he");
  }

  @Test
  void aGraphWithTwoInputsIsRefusedNamingThem() throws Exception {
    file(
        "two-in.json",
        KERAS_FUNCTIONAL.replace(
            "\"input_layers\": [[\"in\", 0, 0]]",
            "\"input_layers\": [[\"in\", 0, 0], [\"meta\", 0, 0]]"));
    file(
        "two-in-graph.json",
        DL4J_GRAPH.replace("\"networkInputs\": [\"in\"]", "\"networkInputs\": [\"in\", \"meta\"]"));

    assertThat(problems("keras: two-in.json", ""))
        .containsExactly(
            "model.keras: '"
                + folder.resolve("two-in.json")
                + "' has 2 inputs (in, meta): Unstuck trains a network with one input (the feature"
                + " columns) and one output (the label)");
    assertThat(problems("dl4j: two-in-graph.json", ""))
        .containsExactly(
            "model.dl4j: '"
                + folder.resolve("two-in-graph.json")
                + "' has 2 inputs (in, meta): Unstuck trains a network with one input (the feature"
                + " columns) and one output (the label)");
  }

  @Test
  void aGraphWithTwoOutputsIsRefusedNamingThem() throws Exception {
    file(
        "two-out.json",
        KERAS_FUNCTIONAL.replace(
            "\"output_layers\": [[\"out\", 0, 0]]",
            "\"output_layers\": [[\"out\", 0, 0], [\"aux\", 0, 0]]"));
    file(
        "two-out-graph.json",
        DL4J_GRAPH.replace(
            "\"networkOutputs\": [\"out\"]", "\"networkOutputs\": [\"out\", \"h\"]"));

    assertThat(problems("keras: two-out.json", ""))
        .containsExactly(
            "model.keras: '"
                + folder.resolve("two-out.json")
                + "' has 2 outputs (out, aux): Unstuck trains a network with one input (the feature"
                + " columns) and one output (the label)");
    assertThat(problems("dl4j: two-out-graph.json", ""))
        .containsExactly(
            "model.dl4j: '"
                + folder.resolve("two-out-graph.json")
                + "' has 2 outputs (out, h): Unstuck trains a network with one input (the feature"
                + " columns) and one output (the label)");
  }

  @Test
  void aFunctionalModelWithoutOutputsIsRefused() throws Exception {
    file(
        "no-out.json",
        KERAS_FUNCTIONAL.replace("\"output_layers\": [[\"out\", 0, 0]]", "\"output_layers\": []"));

    assertThat(problems("keras: no-out.json", ""))
        .containsExactly(
            "model.keras: '"
                + folder.resolve("no-out.json")
                + "' names no output: Unstuck trains a network with one input (the feature"
                + " columns) and one output (the label)");
  }

  @Test
  void aFileGivenUnderTheOtherKeyIsToldWhichKeyItBelongsTo() throws Exception {
    file("model.json", KERAS_SEQUENTIAL);
    file("conf.json", DL4J_LAYERS);

    assertThat(problems("dl4j: model.json", ""))
        .containsExactly(
            "model.dl4j: '"
                + folder.resolve("model.json")
                + "' is a Keras model (it has 'class_name'): give it as model.keras");
    assertThat(problems("keras: conf.json", ""))
        .containsExactly(
            "model.keras: '"
                + folder.resolve("conf.json")
                + "' is a DL4J configuration: give it as model.dl4j");
  }

  @Test
  void weightsInsteadOfArchitectureAreRecognised() throws Exception {
    Path h5 = folder.resolve("model.h5");
    try (OutputStream out = Files.newOutputStream(h5)) {
      out.write(new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n', 0, 0});
    }

    assertThat(problems("keras: model.h5", ""))
        .singleElement()
        .asString()
        .contains("is an HDF5 file (.h5): Unstuck reads a model's architecture JSON");
  }

  @Test
  void aZipWithoutAConfigurationIsNotAModelSerializerZip() throws Exception {
    Path zip = folder.resolve("other.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("readme.txt"));
    }

    assertThat(problems("dl4j: other.zip", ""))
        .containsExactly(
            "model.dl4j: '"
                + zip
                + "' is a zip archive without configuration.json: not a model saved with DL4J's ModelSerializer");
  }

  @Test
  void settingsOfABuiltNetworkBesideAFileAreRefused() throws Exception {
    file("conf.json", DL4J_LAYERS);

    assertThat(problems("dl4j: conf.json\nhidden: [8]\nloss: mse", ""))
        .containsExactly(
            "model.hidden: the network comes from model.dl4j and keeps its own layers: hidden does not apply (it"
                + " describes a network Unstuck builds)",
            "model.loss: a DL4J configuration's output layer has its own loss function: set it there");
  }

  @Test
  void architectureFixesAreRefusedWithTheReason() throws Exception {
    file("model.json", KERAS_ONLY_OUTPUT);

    assertThat(
            problems(
                "keras: model.json",
                "- hidden: [x2]\n- batchNorm: [true]\n- activation: [tanh]\n" + "- l2: [x0.1]"))
        .containsExactly(
            "fixes[0].hidden: 'x2' resizes the layers Unstuck builds from model.hidden or model.layers; the network of"
                + " model.keras is your own, and Unstuck does not resize its layers",
            "fixes[1].batchNorm: adding batch normalisation would insert layers into the network of model.keras, which"
                + " Unstuck does not do: add BatchNormalization layers to your model to try it",
            "fixes[2].activation: the network of model.keras has no hidden dense or convolution layer whose activation"
                + " could change (its layers: Dense)",
            "fixes[3].l2: 'x0.1' scales the model's l2 penalty as the spec gives it (model.l2), and the spec gives none;"
                + " model.keras's own is not read: give a coefficient, e.g. l2: 1e-4");
  }

  @Test
  void trainingFixesAndLayerWideSettingsApply() throws Exception {
    file("model.json", KERAS_SEQUENTIAL);

    SweepSpec spec =
        parse(
            "keras: model.json",
            "- learningRate: [x0.1]\n- optimizer: [adam]\n- l2: [1e-3]\n"
                + "- dropout: [0.5]\n- init: [he]\n- activation: [tanh]\n- gradientClip: [1.0]\n- earlyStopping: [3]");

    assertThat(spec.fixes().explicit())
        .extracting(Fix::toString)
        .containsExactly(
            "learningRate: x0.1",
            "optimizer: adam",
            "l2: 1e-3",
            "dropout: 0.5",
            "init: he",
            "activation: tanh",
            "gradientClip: 1.0",
            "earlyStopping: 3");
    RunConfig withInit = spec.fixes().explicit().get(4).apply(spec.baseline());
    assertThat(withInit.model().init()).isEqualTo(WeightInit.HE);
    assertThat(withInit.model().importedModel()).isEqualTo(spec.model().importedModel());
  }

  @Test
  void autoChoosesOnlyFixesThatApplyToTheImportedNetwork() throws Exception {
    file("model.json", KERAS_SEQUENTIAL);
    RunConfig baseline = parse("keras: model.json", "").baseline();

    // NOT_LEARNING's table less batchNorm (refused) and l2 x0.01 (no penalty in the spec to scale)
    assertThat(AutoFixes.forSymptoms(List.of(Symptom.NOT_LEARNING), baseline))
        .extracting(Fix::toString)
        .containsExactly(
            "learningRate: x10",
            "learningRate: x0.1",
            "optimizer: adam",
            "normalizeInputs: standard",
            "init: xavier",
            "activation: relu");
  }

  @Test
  void theWrittenSpecReadsBackToTheSameNetwork() throws Exception {
    file("model.json", KERAS_SEQUENTIAL);
    SweepSpec spec = parse("keras: model.json\ninit: he\nl2: 1e-4", "- learningRate: [x0.1]");

    SweepSpec back =
        SpecParser.parse(SpecWriter.yaml(spec, List.of()), "written.yaml", Optional.of(folder));

    assertThat(back.model()).isEqualTo(spec.model());
  }
}
