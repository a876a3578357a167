package dev.unstuck.fix;

import dev.unstuck.diagnosis.Symptom;
import dev.unstuck.spec.RunConfig;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code fixes: auto}: which fixes address which symptom, in the spirit of AUTOTRAINER's repair
 * table, except that all candidates run side by side. The table below is the one place this mapping
 * lives.
 */
public final class AutoFixes {
  private static final Map<Symptom, List<Fix>> FOR_SYMPTOM = new EnumMap<>(Symptom.class);

  static {
    fixes(
        Symptom.DIVERGING,
        "learningRate: x0.1",
        "learningRate: x0.01",
        "gradientClip: 1.0",
        "normalizeInputs: standard");
    fixes(
        Symptom.EXPLODING_GRADIENTS, "gradientClip: 1.0", "learningRate: x0.1", "batchNorm: true");
    fixes(
        Symptom.VANISHING_GRADIENTS,
        "activation: relu",
        "init: xavier",
        "batchNorm: true",
        "optimizer: adam");
    // units die from a step too large for the weights, and one decade is often not enough: in
    // dying-relu-digits
    // (SGD at 0.1) x0.1 left the units dead in the scenario suite's auto mode, while x0.01 learns
    // in the
    // independent reference (deploy/scenarios/REFERENCE.md)
    fixes(
        Symptom.DEAD_UNITS,
        "activation: leakyrelu",
        "learningRate: x0.1",
        "learningRate: x0.01",
        "init: he");
    fixes(
        Symptom.SATURATED_ACTIVATIONS,
        "normalizeInputs: standard",
        "init: xavier",
        "activation: relu",
        "batchNorm: true");
    fixes(Symptom.OSCILLATING_LOSS, "learningRate: x0.1", "batchSize: x2", "lrSchedule: step");
    fixes(
        Symptom.SLOW_CONVERGENCE,
        "learningRate: x10",
        "optimizer: adam",
        "normalizeInputs: standard");
    // a network that does not learn at all is as often saturated (sigmoid stacks) as badly stepped:
    // the
    // vanishing-sigmoid example's NOT_LEARNING baseline is resolved by batch norm and ReLU, which
    // auto never tried
    // an over-regularised network sits at chance as surely as a badly stepped one; a hundredth of
    // the user's own
    // penalty is tried (l2: x0.01 applies only to a baseline that has one): in
    // underfit-overregularised-digits
    // (l2 1.0) auto had nothing to lighten the penalty with
    fixes(
        Symptom.NOT_LEARNING,
        "learningRate: x10",
        "learningRate: x0.1",
        "optimizer: adam",
        "normalizeInputs: standard",
        "init: xavier",
        "batchNorm: true",
        "activation: relu",
        "l2: x0.01");
    fixes(
        Symptom.CLASS_IMBALANCE_COLLAPSE,
        "resample: oversample",
        "resample: undersample",
        "resample: classWeights");
    fixes(
        Symptom.OVERFITTING,
        "l2: 1e-3",
        "dropout: 0.5",
        "earlyStopping: 3",
        "hidden: x0.5",
        "inputNoise: 0.1");
    fixes(Symptom.UNDERFITTING, "hidden: x2", "hidden: deeper", "learningRate: x10", "l2: x0.01");
    fixes(Symptom.DATA_PIPELINE_ERROR, "normalizeInputs: standard", "normalizeInputs: minmax");
  }

  /** With nothing known about the baseline: every family, one or two settings each. */
  private static final List<Fix> EVERY_FAMILY =
      parse(
          "learningRate: x0.1",
          "learningRate: x10",
          "l2: 1e-3",
          "dropout: 0.5",
          "resample: classWeights",
          "resample: oversample",
          "gradientClip: 1.0",
          "normalizeInputs: standard",
          "batchNorm: true",
          "init: xavier",
          "init: he",
          "activation: relu",
          "activation: leakyrelu",
          "hidden: x2",
          "hidden: x0.5",
          "batchSize: x0.5",
          "inputNoise: 0.1");

  private AutoFixes() {}

  /**
   * The fixes worth trying for these symptoms, without repeats; every family when none are known.
   */
  public static List<Fix> forSymptoms(Collection<Symptom> symptoms) {
    if (symptoms.isEmpty()) {
      return EVERY_FAMILY;
    }
    Set<Fix> chosen = new LinkedHashSet<>();
    symptoms.stream()
        .sorted()
        .forEach(symptom -> chosen.addAll(FOR_SYMPTOM.getOrDefault(symptom, List.of())));
    return List.copyOf(chosen);
  }

  /**
   * As {@link #forSymptoms(Collection)}, keeping only the fixes that apply to this baseline (no
   * dense-layer change on a layer list, no batch normalisation where every layer already has it).
   */
  public static List<Fix> forSymptoms(Collection<Symptom> symptoms, RunConfig baseline) {
    return forSymptoms(symptoms).stream()
        .filter(fix -> fix.inapplicable(baseline).isEmpty())
        .toList();
  }

  private static void fixes(Symptom symptom, String... fixes) {
    FOR_SYMPTOM.put(symptom, parse(fixes));
  }

  private static List<Fix> parse(String... fixes) {
    return Arrays.stream(fixes)
        .map(
            text -> {
              String[] keyAndSetting = text.split(":\\s*", 2);
              return FixCatalogue.fix(keyAndSetting[0], keyAndSetting[1]);
            })
        .toList();
  }
}
