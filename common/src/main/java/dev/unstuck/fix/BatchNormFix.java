package dev.unstuck.fix;

import dev.unstuck.spec.RunConfig;
import java.util.Optional;

/** Batch normalisation after every hidden layer ({@code batchNorm: [true]}). */
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
  public RunConfig apply(RunConfig baseline, String setting) {
    return baseline.withModel(baseline.model().withBatchNorm(Boolean.parseBoolean(setting.trim())));
  }
}
