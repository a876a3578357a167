package dev.unstuck.fix;

import dev.unstuck.spec.RunConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Capacity: {@code x2}/{@code x0.5} scale every hidden width, {@code deeper} repeats the last hidden layer,
 * {@code shallower} drops it.
 */
final class HiddenFix implements FixType {
  @Override
  public String key() {
    return "hidden";
  }

  @Override
  public FixFamily family() {
    return FixFamily.CAPACITY;
  }

  @Override
  public Optional<String> problem(String setting) {
    String value = setting.trim();
    if (value.equals("deeper") || value.equals("shallower")) {
      return Optional.empty();
    }
    return Settings.multiplierOrPositive(value, false)
        .map(problem -> problem.replace("a multiplier like x2 or x0.5", "x2, x0.5, deeper or shallower"));
  }

  @Override
  public String id(String setting) {
    return "hidden-" + setting.trim().toLowerCase();
  }

  @Override
  public RunConfig apply(RunConfig baseline, String setting) {
    List<Integer> hidden = new ArrayList<>(baseline.model().hidden());
    switch (setting.trim()) {
      case "deeper" -> hidden.add(hidden.isEmpty() ? 32 : hidden.get(hidden.size() - 1));
      case "shallower" -> {
        if (!hidden.isEmpty()) {
          hidden.remove(hidden.size() - 1);
        }
      }
      default -> {
        double factor = Settings.multiplier(setting.trim());
        hidden.replaceAll(width -> Math.max(1, (int) Math.round(width * factor)));
      }
    }
    return baseline.withModel(baseline.model().withHidden(hidden));
  }
}
