package dev.unstuck.fix;

import dev.unstuck.spec.Activation;
import dev.unstuck.spec.InputNormalization;
import dev.unstuck.spec.LrSchedule;
import dev.unstuck.spec.Resampling;
import dev.unstuck.spec.Suggestions;
import dev.unstuck.spec.WeightInit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every fix Unstuck knows, by the key a spec uses for it. The one place to add a fix. */
public final class FixCatalogue {
  private static final List<FixType> TYPES =
      List.of(
          new ScaleFix(
              "learningRate",
              "lr",
              FixFamily.LEARNING_RATE,
              c -> c.training().learningRate(),
              (c, rate) -> c.withTraining(c.training().withLearningRate(rate))),
          new ChoiceFix<>(
              "lrSchedule",
              "lr",
              FixFamily.LEARNING_RATE,
              LrSchedule.class,
              (c, schedule) -> c.withTraining(c.training().withLrSchedule(schedule))),
          new OptimizerFix(),
          new PenaltyFix(
              "l2", "l2", c -> c.model().l2(), (c, value) -> c.withModel(c.model().withL2(value))),
          new PenaltyFix(
              "l1", "l1", c -> c.model().l1(), (c, value) -> c.withModel(c.model().withL1(value))),
          new NumberFix(
              "dropout",
              "dropout",
              FixFamily.REGULARISATION,
              s -> Settings.inRange(s, 0, 1),
              (c, value) -> c.withModel(c.model().withDropout(value))),
          new EarlyStoppingFix(),
          new ChoiceFix<>(
              "resample",
              "resample",
              FixFamily.RESAMPLING,
              Resampling.class,
              (c, how) -> c.withTraining(c.training().withResample(how))),
          new NumberFix(
              "gradientClip",
              "clip-norm",
              FixFamily.GRADIENT_CLIPPING,
              Settings::positive,
              (c, value) -> c.withTraining(c.training().withGradientClip(value))),
          new NumberFix(
              "gradientClipValue",
              "clip-value",
              FixFamily.GRADIENT_CLIPPING,
              Settings::positive,
              (c, value) -> c.withTraining(c.training().withGradientClipValue(value))),
          new ChoiceFix<>(
              "normalizeInputs",
              "normalize",
              FixFamily.NORMALISATION,
              InputNormalization.class,
              (c, how) -> c.withTraining(c.training().withNormalizeInputs(how))),
          new BatchNormFix(),
          new ChoiceFix<>(
              "init",
              "init",
              FixFamily.INITIALISATION,
              WeightInit.class,
              (c, init) -> c.withModel(c.model().withInit(init))),
          new ChoiceFix<>(
              "activation",
              "activation",
              FixFamily.ACTIVATION,
              Activation.class,
              (c, activation) -> c.withModel(c.model().withActivation(activation))),
          new HiddenFix(),
          new ScaleFix(
              "batchSize",
              "batch",
              FixFamily.BATCH_SIZE,
              c -> (double) c.training().batchSize(),
              (c, size) ->
                  c.withTraining(c.training().withBatchSize(Math.max(1, (int) Math.round(size))))),
          new NumberFix(
              "inputNoise",
              "noise",
              FixFamily.DATA,
              Settings::positive,
              (c, std) -> c.withTraining(c.training().withInputNoise(std))));

  private static final Map<String, FixType> BY_KEY = index();

  private FixCatalogue() {}

  public static Set<String> keys() {
    return BY_KEY.keySet();
  }

  public static Optional<FixType> type(String key) {
    return Optional.ofNullable(BY_KEY.get(key));
  }

  /** Why {@code key} is not a known fix, with the closest known one. */
  public static String unknownKey(String key) {
    return "unknown fix '" + key + "'" + Suggestions.didYouMean(key, keys());
  }

  /** A fix from a valid key and setting; for code that builds fixes (auto selection, tests). */
  public static Fix fix(String key, String setting) {
    FixType type = type(key).orElseThrow(() -> new IllegalArgumentException(unknownKey(key)));
    type.problem(setting)
        .ifPresent(
            problem -> {
              throw new IllegalArgumentException(key + ": " + problem);
            });
    return new Fix(type, setting);
  }

  private static Map<String, FixType> index() {
    Map<String, FixType> byKey = new LinkedHashMap<>();
    TYPES.forEach(type -> byKey.put(type.key(), type));
    return Collections.unmodifiableMap(byKey);
  }
}
