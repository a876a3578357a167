package dev.unstuck.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.unstuck.diagnosis.Symptom;
import dev.unstuck.fix.AutoFixes;
import dev.unstuck.fix.Fix;
import dev.unstuck.fix.FixCatalogue;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code model.layers} and {@code data.shape}: what a layer list reads as, and every mistake in
 * one, named with its path and line. Expected shapes are worked out by hand from the README's rule
 * (valid: floor((in - k) / s) + 1; same: ceil(in / s)).
 */
class ModelLayersTest {

  /**
   * A spec whose model (and data.shape) are {@code model}, indented under the keys; line 1 is
   * "name:".
   */
  private static String spec(String data, String model) {
    return "name: layers\n"
        + "data:\n  path: images.csv\n  label: last\n"
        + data.indent(2)
        + "model:\n"
        + model.indent(2)
        + "training:\n  epochs: 1\n";
  }

  private static SweepSpec parse(String yaml) throws SpecException {
    return SpecParser.parse(yaml, "sweep.yaml", Optional.empty());
  }

  private static List<String> problems(String yaml) {
    SpecException e = catchThrowableOfType(SpecException.class, () -> parse(yaml));
    assertThat(e).as("expected the spec to be rejected:%n%s", yaml).isNotNull();
    return e.problems().stream().map(SpecProblem::toString).toList();
  }

  private static final String SHAPE = "shape: [28, 28, 1]";

  private static final String CNN =
      """
      activation: sigmoid
      layers:
        - conv2d: {filters: 8, kernel: 5, padding: same, activation: relu}
        - maxpool: {kernel: 2}
        - conv2d: {filters: 16, kernel: [3, 1], stride: 2}
        - batchnorm
        - flatten
        - dropout: {rate: 0.25}
        - dense: {units: 32}
      """;

  @Test
  void aLayerListReadsInOrderWithItsDefaults() throws SpecException {
    ModelSpec model = parse(spec(SHAPE, CNN)).model();

    assertThat(model.hasLayers()).isTrue();
    assertThat(model.hidden()).isEmpty();
    assertThat(model.inputShape()).containsExactly(28, 28, 1);
    assertThat(model.layerList())
        .containsExactly(
            LayerSpec.conv2d(8, List.of(5, 5), List.of(1, 1), Padding.SAME, Activation.RELU),
            LayerSpec.pool(
                LayerType.MAXPOOL, List.of(2, 2), List.of(2, 2), Padding.VALID), // stride = kernel
            LayerSpec.conv2d(
                16, List.of(3, 1), List.of(2, 2), Padding.VALID, null), // the model's sigmoid
            LayerSpec.of(LayerType.BATCHNORM),
            LayerSpec.of(LayerType.FLATTEN),
            LayerSpec.dropout(0.25),
            LayerSpec.dense(32, null));
  }

  @Test
  void hiddenIsTheShorthandForDenseLayersOfTheModelsActivation() throws SpecException {
    ModelSpec model = parse(spec("", "hidden: [16, 8]\nactivation: tanh")).model();

    assertThat(model.hasLayers()).isFalse();
    assertThat(model.layerList())
        .containsExactly(LayerSpec.dense(16, null), LayerSpec.dense(8, null));
    assertThat(model.layerList().get(0).activationIn(model.activation()))
        .isEqualTo(Activation.TANH);
  }

  @Test
  void anUnknownLayerTypeIsSuggested() {
    assertThat(
            problems(
                spec(SHAPE, "layers:\n  - dense: {units: 4}\n  - conv: {filters: 4, kernel: 3}")))
        .containsExactly(
            "model.layers[1]: unknown layer type 'conv' (did you mean conv2d?) (line 9)");
  }

  @Test
  void hiddenAndLayersTogetherIsAnError() {
    assertThat(problems(spec("", "hidden: [8]\nlayers:\n  - dense: {units: 4}")))
        .containsExactly(
            "model.layers: give either hidden (the shorthand for dense layers) or layers, not both"
                + " (line 8)");
  }

  @Test
  void aKernelLargerThanItsInputNamesTheLayerAndTheInput() {
    // 6x6 -> conv 3 valid: 4x4x8 -> maxpool 2: 2x2x8 -> conv 3: does not fit
    String model =
        """
        layers:
          - conv2d: {filters: 8, kernel: 3}
          - maxpool: {kernel: 2}
          - conv2d: {filters: 4, kernel: 3}
        """;
    assertThat(problems(spec("shape: [6, 6, 1]", model)))
        .containsExactly(
            "model.layers[2].kernel: kernel 3x3 is"
                + " larger than its input 2x2 (the output of model.layers[1], 2x2x8) (line 10)");
  }

  @Test
  void aFirstKernelLargerThanTheImageNamesDataShape() {
    assertThat(
            problems(spec("shape: [4, 8, 3]", "layers:\n  - conv2d: {filters: 2, kernel: [5, 3]}")))
        .containsExactly(
            "model.layers[0].kernel: kernel 5x3 is larger than its input 4x8 (data.shape) (line 8)");
  }

  @Test
  void samePaddingKeepsTheSizeSoALaterKernelFits() throws SpecException {
    // 5x5 -> conv 3 same: 5x5 -> conv 5 valid fits exactly (with valid padding first it would be
    // 3x3, too small)
    String model =
        "layers:\n  - conv2d: {filters: 2, kernel: 3, padding: same}\n  - conv2d: {filters: 2, kernel: 5}";
    assertThat(parse(spec("shape: [5, 5, 1]", model)).model().layers()).hasSize(2);
    assertThat(problems(spec("shape: [5, 5, 1]", model.replace(", padding: same", ""))))
        .containsExactly(
            "model.layers[1].kernel: kernel 5x5 is larger than its input 3x3 (the output of"
                + " model.layers[0], 3x3x2) (line 9)");
  }

  @Test
  void aConvolutionAfterADenseLayerCannotBeConnected() {
    assertThat(
            problems(
                spec(
                    SHAPE, "layers:\n  - dense: {units: 64}\n  - conv2d: {filters: 4, kernel: 3}")))
        .containsExactly(
            "model.layers[1]: conv2d after a dense layer (model.layers[0]), which made the rows flat:"
                + " convolutions and pooling need an image, so they go before any dense layer or flatten (line 9)");
  }

  @Test
  void poolingAfterFlattenCannotBeConnected() {
    assertThat(problems(spec(SHAPE, "layers:\n  - flatten\n  - avgpool: {kernel: 2}")))
        .containsExactly(
            "model.layers[1]: avgpool after flatten (model.layers[0]), which made the rows flat:"
                + " convolutions and pooling need an image, so they go before any dense layer or flatten (line 9)");
  }

  @Test
  void aConvolutionWithoutDataShapeSaysToSetIt() {
    assertThat(problems(spec("", "layers:\n  - conv2d: {filters: 4, kernel: 3}")))
        .containsExactly(
            "model.layers[0]: conv2d needs image rows: set data.shape: [height, width, channels]"
                + " (e.g. [28, 28, 1]) to read each row's columns as an image (line 7)");
  }

  @Test
  void flattenOfFlatRowsIsNotNeeded() {
    assertThat(problems(spec("", "layers:\n  - dense: {units: 4}\n  - flatten")))
        .containsExactly(
            "model.layers[1]: nothing to flatten: the rows are already flat here (after a dense layer"
                + " (model.layers[0])) (line 8)");
  }

  @Test
  void wrongSettingsOfALayerAreEachNamed() {
    String model =
        """
        layers:
          - conv2d: {kernel: [3, 3, 3], stride: 0, padding: full}
          - dropout: {rate: 1.5}
          - dense: {units: 8, size: 3}
          - dense
        """;
    assertThat(problems(spec(SHAPE, model)))
        .containsExactly(
            "model.layers[0].filters: missing (line 8)",
            "model.layers[0].kernel: expected one integer >= 1 or [height, width], got '[3, 3, 3]' (line 8)",
            "model.layers[0].stride: expected one integer >= 1 or [height, width], got '0' (line 8)",
            "model.layers[0].padding: unknown 'full' (expected one of valid, same) (line 8)",
            "model.layers[1].rate: 1.5 not in [0, 1): the probability of dropping a unit (line 9)",
            "model.layers[2].size: unknown key (expected one of units, activation) (line 10)",
            "model.layers[3].units: missing (line 11)");
  }

  @Test
  void aLayerWithoutSettingsRefusesSome() {
    assertThat(
            problems(spec(SHAPE, "layers:\n  - dense: {units: 4}\n  - batchnorm: {momentum: 0.9}")))
        .containsExactly(
            "model.layers[1]: batchnorm takes no settings: write '- batchnorm' (line 9)");
  }

  @Test
  void aShapeMustBeThreePositiveIntegers() {
    assertThat(problems(spec("shape: [28, 28]", "hidden: [8]")))
        .containsExactly(
            "data.shape: expected [height, width, channels], each >= 1 (e.g. [28, 28, 1] for grey 28x28"
                + " images), got [28, 28] (line 5)");
  }

  @Test
  void anEmptyLayerListIsAnError() {
    assertThat(problems(spec("", "layers: []")))
        .containsExactly(
            "model.layers: an empty list: give at least one layer (or hidden: [] for no hidden layer) (line 6)");
  }

  // ----------------------------------------------------------------------------------------------------------
  // Architecture fixes on a layer list

  private static RunConfig cnn() throws SpecException {
    return parse(spec(SHAPE, CNN)).baseline();
  }

  @Test
  void capacityScalesUnitsAndFilters() throws SpecException {
    List<LayerSpec> doubled = FixCatalogue.fix("hidden", "x2").apply(cnn()).model().layers();

    assertThat(doubled).extracting(LayerSpec::filters).containsExactly(16, 0, 32, 0, 0, 0, 0);
    assertThat(doubled).extracting(LayerSpec::units).containsExactly(0, 0, 0, 0, 0, 0, 64);
  }

  @Test
  void deeperAndShallowerAreRefusedOnALayerListWithTheReason() throws SpecException {
    Fix deeper = FixCatalogue.fix("hidden", "deeper");
    assertThat(deeper.inapplicable(cnn()))
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .startsWith(
                        "'deeper' adds or removes a dense layer of model.hidden; this model is given as model.layers"));
    assertThat(problems(spec(SHAPE, CNN) + "fixes:\n  - hidden: [shallower]\n"))
        .containsExactly(
            "fixes[0].hidden: 'shallower' adds or removes a dense layer of model.hidden; this model is given as "
                + "model.layers, where x2 or x0.5 scales every layer's units and filters (line 19)");
  }

  @Test
  void activationReplacesEveryLayersOwnActivation() throws SpecException {
    ModelSpec tanh = FixCatalogue.fix("activation", "tanh").apply(cnn()).model();

    // the baseline's first conv2d had its own relu, the other weight layers the model's sigmoid
    assertThat(cnn().model().layers().get(0).activationIn(Activation.SIGMOID))
        .isEqualTo(Activation.RELU);
    assertThat(tanh.layerList().stream().filter(layer -> layer.type().hasWeights()))
        .extracting(layer -> layer.activationIn(tanh.activation()))
        .containsExactly(Activation.TANH, Activation.TANH, Activation.TANH);
  }

  @Test
  void batchNormIsRefusedWhenEveryWeightLayerAlreadyHasOne() throws SpecException {
    String normalised =
        "layers:\n  - conv2d: {filters: 4, kernel: 3}\n  - batchnorm\n  - dense: {units: 8}\n"
            + "  - batchnorm\n";
    RunConfig baseline = parse(spec(SHAPE, normalised)).baseline();

    assertThat(FixCatalogue.fix("batchNorm", "true").inapplicable(baseline)).isPresent();
    assertThat(FixCatalogue.fix("batchNorm", "true").inapplicable(cnn()))
        .isEmpty(); // the dense layer has none
  }

  @Test
  void autoChoosesOnlyFixesThatApply() throws SpecException {
    List<String> onLayers =
        AutoFixes.forSymptoms(Set.of(Symptom.UNDERFITTING), cnn()).stream().map(Fix::id).toList();
    RunConfig dense = parse(spec("", "hidden: [8]")).baseline();
    List<String> onHidden =
        AutoFixes.forSymptoms(Set.of(Symptom.UNDERFITTING), dense).stream().map(Fix::id).toList();

    assertThat(onHidden).containsExactly("hidden-x2", "hidden-deeper", "lr-x10");
    assertThat(onLayers).containsExactly("hidden-x2", "lr-x10");
  }

  @Test
  void aLayerListAndShapeReadBackTheSame() throws SpecException {
    SweepSpec spec = parse(spec(SHAPE + "\nlimit: 500", CNN));
    SweepSpec back = parse(SpecWriter.yaml(spec, List.of()));

    assertThat(back).isEqualTo(spec);
    assertThat(back.data().shape()).containsExactly(28, 28, 1);
    assertThat(back.data().limit()).isEqualTo(500);
  }
}
