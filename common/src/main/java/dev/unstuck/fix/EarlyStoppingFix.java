package dev.unstuck.fix;

import dev.unstuck.spec.RunConfig;
import java.util.Optional;

/** Stop after this many epochs without a better validation metric ({@code earlyStopping: [3]}). */
final class EarlyStoppingFix implements FixType {
  @Override
  public String key() {
    return "earlyStopping";
  }

  @Override
  public FixFamily family() {
    return FixFamily.REGULARISATION;
  }

  @Override
  public Optional<String> problem(String setting) {
    try {
      int patience = Integer.parseInt(setting.trim());
      return patience >= 1
          ? Optional.empty()
          : Optional.of("patience must be >= 1, got " + setting);
    } catch (NumberFormatException e) {
      return Optional.of("expected a patience in epochs (an integer >= 1), got '" + setting + "'");
    }
  }

  @Override
  public String id(String setting) {
    return "early-stop-" + setting.trim();
  }

  @Override
  public RunConfig apply(RunConfig baseline, String setting) {
    return baseline.withTraining(
        baseline.training().withEarlyStopping(Integer.parseInt(setting.trim())));
  }
}
