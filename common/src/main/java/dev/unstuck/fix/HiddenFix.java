package dev.unstuck.fix;

import dev.unstuck.spec.RunConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Capacity: {@code x2}/{@code x0.5} scale every hidden width, {@code deeper} repeats the last
 * hidden layer, {@code shallower} drops it. On a model given as {@code layers}, the multipliers
 * scale every dense layer's units and every conv2d layer's filters; adding or removing a layer is
 * refused there, since where a layer may go in a convolutional network (and what its window would
 * be) is not a choice to make for the user.
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
        .map(
            problem ->
                problem.replace("a multiplier like x2 or x0.5", "x2, x0.5, deeper or shallower"));
  }

  @Override
  public String id(String setting) {
    return "hidden-" + setting.trim().toLowerCase();
  }

  @Override
  public Optional<String> inapplicable(RunConfig baseline, String setting) {
    String value = setting.trim();
    if (baseline.model().hasLayers() && (value.equals("deeper") || value.equals("shallower"))) {
      return Optional.of(
          "'"
              + value
              + "' adds or removes a dense layer of model.hidden; this model is given as "
              + "model.layers, where x2 or x0.5 scales every layer's units and filters");
    }
    return Optional.empty();
  }

  @Override
  public RunConfig apply(RunConfig baseline, String setting) {
    if (baseline.model().hasLayers()) {
      if (!Settings.isMultiplier(setting.trim())) {
        return baseline; // deeper/shallower: refused by inapplicable
      }
      double factor = Settings.multiplier(setting.trim());
      return baseline.withModel(
          baseline
              .model()
              .withLayers(
                  baseline.model().layers().stream()
                      .map(
                          layer ->
                              layer.withWidth(
                                  width -> Math.max(1, (int) Math.round(width * factor))))
                      .toList()));
    }
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
