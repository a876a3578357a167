package dev.unstuck.fix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unstuck.spec.Activation;
import dev.unstuck.spec.InputNormalization;
import dev.unstuck.spec.LrSchedule;
import dev.unstuck.spec.ModelSpec;
import dev.unstuck.spec.Optimizer;
import dev.unstuck.spec.Resampling;
import dev.unstuck.spec.RunConfig;
import dev.unstuck.spec.SpecException;
import dev.unstuck.spec.TrainingSpec;
import dev.unstuck.spec.WeightInit;
import dev.unstuck.testing.Specs;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every fix type, through the catalogue, on the issue's baseline (sigmoid 64-64, normal init, SGD
 * at 0.5, batch 64).
 */
class FixCatalogueTest {
  private static RunConfig baseline;

  @BeforeAll
  static void baseline() throws SpecException {
    baseline = Specs.issueExample().parse().baseline();
  }

  private static RunConfig training(UnaryOperator<TrainingSpec> change) {
    return baseline.withTraining(change.apply(baseline.training()));
  }

  private static RunConfig model(UnaryOperator<ModelSpec> change) {
    return baseline.withModel(change.apply(baseline.model()));
  }

  /** Applies key: setting and checks id and family; returns the changed config. */
  private static RunConfig apply(String key, String setting, String id, FixFamily family) {
    Fix fix = FixCatalogue.fix(key, setting);
    assertThat(fix.id()).isEqualTo(id);
    assertThat(fix.family()).isEqualTo(family);
    assertThat(fix.params()).isEqualTo(Map.of(key, setting));
    return fix.apply(baseline);
  }

  @Test
  void theBaselineIsWhatTheIssueSays() {
    assertThat(baseline.training().learningRate()).isEqualTo(0.5);
    assertThat(baseline.model().hidden()).containsExactly(64, 64);
  }

  @Test
  void learningRateMultiplier() {
    assertThat(apply("learningRate", "x0.1", "lr-x0.1", FixFamily.LEARNING_RATE))
        .isEqualTo(training(t -> t.withLearningRate(0.05)));
    assertThat(apply("learningRate", "x10", "lr-x10", FixFamily.LEARNING_RATE))
        .isEqualTo(training(t -> t.withLearningRate(5.0)));
    assertThat(apply("learningRate", "X0.5", "lr-x0.5", FixFamily.LEARNING_RATE))
        .isEqualTo(training(t -> t.withLearningRate(0.25)));
  }

  @Test
  void learningRateAbsolute() {
    assertThat(apply("learningRate", "0.01", "lr-0.01", FixFamily.LEARNING_RATE))
        .isEqualTo(training(t -> t.withLearningRate(0.01)));
  }

  @Test
  void switchingToAdamResetsTheLearningRateToAdamsDefault() {
    assertThat(apply("optimizer", "adam", "optimizer-adam", FixFamily.LEARNING_RATE))
        .isEqualTo(training(t -> t.withOptimizer(Optimizer.ADAM).withLearningRate(1e-3)));
    assertThat(
            apply("optimizer", "rmsprop", "optimizer-rmsprop", FixFamily.LEARNING_RATE)
                .training()
                .learningRate())
        .isEqualTo(1e-3);
  }

  @Test
  void switchingToANonAdaptiveUpdaterKeepsTheLearningRate() {
    assertThat(apply("optimizer", "nesterovs", "optimizer-nesterovs", FixFamily.LEARNING_RATE))
        .isEqualTo(training(t -> t.withOptimizer(Optimizer.NESTEROVS)));
  }

  @Test
  void learningRateSchedule() {
    assertThat(apply("lrSchedule", "step", "lr-step", FixFamily.LEARNING_RATE))
        .isEqualTo(training(t -> t.withLrSchedule(LrSchedule.STEP)));
    assertThat(apply("lrSchedule", "exponential", "lr-exponential", FixFamily.LEARNING_RATE))
        .isEqualTo(training(t -> t.withLrSchedule(LrSchedule.EXPONENTIAL)));
  }

  @Test
  void hiddenCapacity() {
    assertThat(apply("hidden", "x2", "hidden-x2", FixFamily.CAPACITY))
        .isEqualTo(model(m -> m.withHidden(List.of(128, 128))));
    assertThat(apply("hidden", "x0.5", "hidden-x0.5", FixFamily.CAPACITY))
        .isEqualTo(model(m -> m.withHidden(List.of(32, 32))));
    assertThat(apply("hidden", "deeper", "hidden-deeper", FixFamily.CAPACITY))
        .isEqualTo(model(m -> m.withHidden(List.of(64, 64, 64))));
    assertThat(apply("hidden", "shallower", "hidden-shallower", FixFamily.CAPACITY))
        .isEqualTo(model(m -> m.withHidden(List.of(64))));
  }

  @Test
  void hiddenScalingRoundsAndKeepsAtLeastOneUnit() {
    RunConfig odd = baseline.withModel(baseline.model().withHidden(List.of(5, 1)));

    assertThat(FixCatalogue.fix("hidden", "x0.5").apply(odd).model().hidden())
        .containsExactly(3, 1);
  }

  @Test
  void batchSize() {
    assertThat(apply("batchSize", "x2", "batch-x2", FixFamily.BATCH_SIZE))
        .isEqualTo(training(t -> t.withBatchSize(128)));
    assertThat(apply("batchSize", "x0.5", "batch-x0.5", FixFamily.BATCH_SIZE))
        .isEqualTo(training(t -> t.withBatchSize(32)));
    assertThat(apply("batchSize", "256", "batch-256", FixFamily.BATCH_SIZE))
        .isEqualTo(training(t -> t.withBatchSize(256)));
  }

  @Test
  void regularisation() {
    assertThat(apply("dropout", "0.5", "dropout-0.5", FixFamily.REGULARISATION))
        .isEqualTo(model(m -> m.withDropout(0.5)));
    assertThat(apply("l2", "1e-3", "l2-1e-3", FixFamily.REGULARISATION))
        .isEqualTo(model(m -> m.withL2(1e-3)));
    assertThat(apply("l1", "1e-4", "l1-1e-4", FixFamily.REGULARISATION))
        .isEqualTo(model(m -> m.withL1(1e-4)));
    assertThat(apply("earlyStopping", "3", "early-stop-3", FixFamily.REGULARISATION))
        .isEqualTo(training(t -> t.withEarlyStopping(3)));
  }

  @Test
  void aPenaltyMultiplierScalesTheBaselinesPenalty() {
    RunConfig overRegularised = model(m -> m.withL2(1.0).withL1(0.5));
    Fix lighter = FixCatalogue.fix("l2", "x0.01");

    assertThat(lighter.id()).isEqualTo("l2-x0.01");
    assertThat(lighter.inapplicable(overRegularised)).isEmpty();
    assertThat(lighter.apply(overRegularised).model().l2()).isEqualTo(0.01);
    assertThat(FixCatalogue.fix("l1", "x0.1").apply(overRegularised).model().l1()).isEqualTo(0.05);
    assertThat(FixCatalogue.fix("l2", "0").apply(overRegularised).model().l2()).isZero();
  }

  @Test
  void aPenaltyMultiplierOnABaselineWithoutThePenaltyIsInapplicable() {
    assertThat(baseline.model().l2()).isZero();

    assertThat(FixCatalogue.fix("l2", "x0.01").inapplicable(baseline))
        .contains(
            "'x0.01' scales the baseline's l2 "
                + "penalty, and it has none; give a coefficient, e.g. l2: 1e-4");
    assertThat(FixCatalogue.fix("l2", "1e-4").inapplicable(baseline)).isEmpty();
  }

  @Test
  void resampling() {
    assertThat(apply("resample", "oversample", "resample-oversample", FixFamily.RESAMPLING))
        .isEqualTo(training(t -> t.withResample(Resampling.OVERSAMPLE)));
    assertThat(apply("resample", "undersample", "resample-undersample", FixFamily.RESAMPLING))
        .isEqualTo(training(t -> t.withResample(Resampling.UNDERSAMPLE)));
    assertThat(apply("resample", "classWeights", "resample-classweights", FixFamily.RESAMPLING))
        .isEqualTo(training(t -> t.withResample(Resampling.CLASS_WEIGHTS)));
  }

  @Test
  void normalisation() {
    assertThat(apply("normalizeInputs", "standard", "normalize-standard", FixFamily.NORMALISATION))
        .isEqualTo(training(t -> t.withNormalizeInputs(InputNormalization.STANDARD)));
    assertThat(apply("normalizeInputs", "minmax", "normalize-minmax", FixFamily.NORMALISATION))
        .isEqualTo(training(t -> t.withNormalizeInputs(InputNormalization.MINMAX)));
    assertThat(apply("batchNorm", "true", "batchnorm", FixFamily.NORMALISATION))
        .isEqualTo(model(m -> m.withBatchNorm(true)));
  }

  @Test
  void removingBatchNorm() {
    RunConfig withBatchNorm = baseline.withModel(baseline.model().withBatchNorm(true));
    Fix fix = FixCatalogue.fix("batchNorm", "false");

    assertThat(fix.id()).isEqualTo("no-batchnorm");
    assertThat(fix.apply(withBatchNorm)).isEqualTo(baseline);
  }

  @Test
  void initialisation() {
    assertThat(apply("init", "xavier", "init-xavier", FixFamily.INITIALISATION))
        .isEqualTo(model(m -> m.withInit(WeightInit.XAVIER)));
    assertThat(apply("init", "he", "init-he", FixFamily.INITIALISATION))
        .isEqualTo(model(m -> m.withInit(WeightInit.HE)));
  }

  @Test
  void activation() {
    assertThat(apply("activation", "relu", "activation-relu", FixFamily.ACTIVATION))
        .isEqualTo(model(m -> m.withActivation(Activation.RELU)));
    assertThat(apply("activation", "leakyrelu", "activation-leakyrelu", FixFamily.ACTIVATION))
        .isEqualTo(model(m -> m.withActivation(Activation.LEAKYRELU)));
  }

  @Test
  void gradientClipping() {
    assertThat(apply("gradientClip", "1.0", "clip-norm-1.0", FixFamily.GRADIENT_CLIPPING))
        .isEqualTo(training(t -> t.withGradientClip(1.0)));
    assertThat(apply("gradientClipValue", "0.5", "clip-value-0.5", FixFamily.GRADIENT_CLIPPING))
        .isEqualTo(training(t -> t.withGradientClipValue(0.5)));
  }

  @Test
  void inputNoise() {
    assertThat(apply("inputNoise", "0.1", "noise-0.1", FixFamily.DATA))
        .isEqualTo(training(t -> t.withInputNoise(0.1)));
  }

  @Test
  void aFixNeverChangesTheBaselineItWasGiven() {
    RunConfig before = baseline;
    FixCatalogue.fix("hidden", "deeper").apply(baseline);

    assertThat(baseline).isEqualTo(before);
    assertThat(baseline.model().hidden()).containsExactly(64, 64);
  }

  @Test
  void theCatalogueCoversEveryFamily() {
    Set<FixFamily> families =
        FixCatalogue.keys().stream()
            .map(k -> FixCatalogue.type(k).orElseThrow().family())
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(FixFamily.class)));

    assertThat(families)
        .isEqualTo(
            EnumSet.complementOf(
                EnumSet.of(FixFamily.BASELINE, FixFamily.COMBINED, FixFamily.PROBE)));
    assertThat(FixCatalogue.keys())
        .containsExactlyInAnyOrder(
            "learningRate",
            "lrSchedule",
            "optimizer",
            "l2",
            "l1",
            "dropout",
            "earlyStopping",
            "resample",
            "gradientClip",
            "gradientClipValue",
            "normalizeInputs",
            "batchNorm",
            "init",
            "activation",
            "hidden",
            "batchSize",
            "inputNoise");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "dropout|1.5|1.5 not in [0, 1)",
        "dropout|-0.1|-0.1 not in [0, 1)",
        "dropout|half|'half' is not a number",
        "l2|-1|-1 not in [0, inf)",
        "l2|NaN|'NaN' is not a number",
        "l2|x0|'x0' is not a multiplier like x2 or x0.5",
        "l1|x1|'x1' changes nothing",
        "learningRate|x0|'x0' is not a multiplier like x10 or x0.1, or a number > 0",
        "learningRate|-0.1|'-0.1' is not a multiplier like x10 or x0.1, or a number > 0",
        "learningRate|xfast|'xfast' is not a multiplier like x10 or x0.1, or a number > 0",
        "learningRate|x1|'x1' changes nothing",
        "batchSize|x1.0|'x1.0' changes nothing",
        "hidden|3|'3' is not x2, x0.5, deeper or shallower",
        "hidden|x1|'x1' changes nothing",
        "gradientClip|0|must be > 0, got 0",
        "gradientClip|max|'max' is not a number",
        "inputNoise|-0.1|must be > 0, got -0.1",
        "earlyStopping|0|patience must be >= 1, got 0",
        "earlyStopping|soon|expected a patience in epochs (an integer >= 1), got 'soon'",
        "batchNorm|maybe|expected true or false, got 'maybe'",
        "activation|relux|unknown 'relux' (did you mean relu?)",
        "resample|smote|unknown 'smote' (expected one of none, oversample, undersample, classWeights)",
        "optimizer|adamw|unknown 'adamw' (did you mean adam?)"
      })
  void invalidSettingsSayWhy(String key, String setting, String problem) {
    assertThat(FixCatalogue.type(key).orElseThrow().problem(setting)).contains(problem);
    assertThatThrownBy(() -> FixCatalogue.fix(key, setting))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(key + ": " + problem);
  }

  @Test
  void validSettingsHaveNoProblem() {
    assertThat(FixCatalogue.type("learningRate").orElseThrow().problem("x0.1"))
        .isEqualTo(Optional.empty());
    assertThat(FixCatalogue.type("hidden").orElseThrow().problem("deeper")).isEmpty();
    assertThat(FixCatalogue.type("dropout").orElseThrow().problem("0")).isEmpty();
  }

  @Test
  void anUnknownFixKeyIsSuggested() {
    assertThat(FixCatalogue.type("dropot")).isEmpty();
    assertThatThrownBy(() -> FixCatalogue.fix("dropot", "0.5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown fix 'dropot' (did you mean dropout?)");
  }

  @Test
  void aFixReadsLikeTheSpec() {
    assertThat(FixCatalogue.fix("learningRate", "x0.1")).hasToString("learningRate: x0.1");
    assertThat(FixCatalogue.fix("learningRate", "x0.1"))
        .isEqualTo(FixCatalogue.fix("learningRate", "x0.1"));
  }
}
