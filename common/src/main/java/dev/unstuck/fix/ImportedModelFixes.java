package dev.unstuck.fix;

import dev.unstuck.spec.ImportedModel;
import dev.unstuck.spec.RunConfig;
import java.util.Optional;

/**
 * Which fixes an imported network ({@code model.dl4j}, {@code model.keras}) takes. Training fixes
 * (learning rate, optimizer, schedule, penalties, dropout, clipping, batch size, resampling, input
 * normalisation and noise, early stopping) apply to any network. Of the architecture fixes, {@code
 * init} applies to every layer with weights and {@code activation} to the hidden dense and
 * convolution layers; adding layers ({@code batchNorm}) or resizing them ({@code hidden}) would
 * change the user's design and is refused, with the reason.
 */
final class ImportedModelFixes {
  private ImportedModelFixes() {}

  /**
   * Why this fix cannot apply to the baseline's imported network; empty when it can, or the model
   * is not one.
   */
  static Optional<String> refusal(FixType type, RunConfig baseline, String setting) {
    Optional<ImportedModel> imported = baseline.model().importedModel();
    if (imported.isEmpty()) {
      return Optional.empty();
    }
    String file = imported.get().format().specPath();
    String value = setting.trim();
    return switch (type.key()) {
      case "hidden" ->
          Optional.of(
              "'"
                  + value
                  + "' resizes the layers Unstuck builds from model.hidden or"
                  + " model.layers; the network of "
                  + file
                  + " is your own, and Unstuck does not resize its layers");
      case "batchNorm" ->
          Boolean.parseBoolean(value)
              ? Optional.of(
                  "adding batch normalisation would insert layers into the network of "
                      + file
                      + ", which Unstuck does not do: add BatchNormalization layers to your model to try it")
              : Optional.empty();
      case "activation" ->
          imported.get().hasHiddenLayerWithActivation()
              ? Optional.empty()
              : Optional.of(
                  "the network of "
                      + file
                      + " has no hidden dense or convolution layer whose activation"
                      + " could change (its layers: "
                      + String.join(", ", imported.get().layers())
                      + ")");
      case "l1" -> unscalable("l1", value, file, baseline.model().l1());
      case "l2" -> unscalable("l2", value, file, baseline.model().l2());
      default -> Optional.empty();
    };
  }

  /**
   * A multiplier scales the spec's penalty; the file's own is not read, so with none in the spec
   * there is no base.
   */
  private static Optional<String> unscalable(
      String key, String value, String file, double specPenalty) {
    if (!Settings.isMultiplier(value) || specPenalty > 0) {
      return Optional.empty();
    }
    return Optional.of(
        "'"
            + value
            + "' scales the model's "
            + key
            + " penalty as the spec gives it (model."
            + key
            + "), and the spec gives none; "
            + file
            + "'s own is not read: give a coefficient, e.g. "
            + key
            + ": 1e-4");
  }
}
