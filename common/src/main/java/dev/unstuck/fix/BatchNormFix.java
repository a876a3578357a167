package dev.unstuck.fix;

import dev.unstuck.spec.LayerSpec;
import dev.unstuck.spec.LayerType;
import dev.unstuck.spec.RunConfig;
import java.util.List;
import java.util.Optional;

/**
 * Batch normalisation after every hidden layer ({@code batchNorm: [true]}): after every dense and
 * conv2d layer of a layer list that is not already followed by a batchnorm entry.
 */
final class BatchNormFix implements FixType {
  @Override
  public String key() {
    return "batchNorm";
  }

  @Override
  public FixFamily family() {
    return FixFamily.NORMALISATION;
  }

  @Override
  public Optional<String> problem(String setting) {
    String value = setting.trim().toLowerCase();
    return value.equals("true") || value.equals("false")
        ? Optional.empty()
        : Optional.of("expected true or false, got '" + setting + "'");
  }

  @Override
  public String id(String setting) {
    return Boolean.parseBoolean(setting.trim()) ? "batchnorm" : "no-batchnorm";
  }

  @Override
  public Optional<String> inapplicable(RunConfig baseline, String setting) {
    if (!Boolean.parseBoolean(setting.trim())) {
      return Optional.empty();
    }
    List<LayerSpec> layers = baseline.model().layerList();
    boolean anyToNormalise = false;
    for (int i = 0; i < layers.size(); i++) {
      boolean followed = i + 1 < layers.size() && layers.get(i + 1).type() == LayerType.BATCHNORM;
      anyToNormalise |= layers.get(i).type().hasWeights() && !followed;
    }
    return anyToNormalise
        ? Optional.empty()
        : Optional.of(
            "no dense or conv2d layer without a batchnorm after it"
                + " (batch normalisation goes after hidden layers, and this model has none left to normalise)");
  }

  @Override
  public RunConfig apply(RunConfig baseline, String setting) {
    return baseline.withModel(baseline.model().withBatchNorm(Boolean.parseBoolean(setting.trim())));
  }
}
