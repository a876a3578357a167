package dev.unstuck.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How spec enums are spelled in YAML: the constant in lower camel case (CLASS_WEIGHTS ->
 * classWeights).
 */
public final class SpecEnums {
  private SpecEnums() {}

  public static String yamlName(Enum<?> constant) {
    String[] parts = constant.name().toLowerCase(Locale.ROOT).split("_");
    StringBuilder name = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      name.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
    }
    return name.toString();
  }

  /**
   * Matches case-insensitively and ignoring '-' and '_', so "class-weights" and "CLASS_WEIGHTS"
   * both work.
   */
  public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String text) {
    String wanted = normalise(text);
    return Arrays.stream(type.getEnumConstants())
        .filter(constant -> normalise(yamlName(constant)).equals(wanted))
        .findFirst();
  }

  public static <E extends Enum<E>> List<String> yamlNames(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(SpecEnums::yamlName).toList();
  }

  private static String normalise(String text) {
    return text.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
  }
}
