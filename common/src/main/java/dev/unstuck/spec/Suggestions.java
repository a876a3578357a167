package dev.unstuck.spec;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean ...?" for misspelt keys and names: the closest candidate within a small edit distance. */
public final class Suggestions {
  private Suggestions() {}

  public static Optional<String> closest(String typed, Collection<String> candidates) {
    String wanted = typed.toLowerCase(Locale.ROOT);
    int tolerance = Math.max(2, wanted.length() / 3);
    return candidates.stream()
        .filter(c -> distance(wanted, c.toLowerCase(Locale.ROOT)) <= tolerance)
        .min(Comparator.comparingInt(c -> distance(wanted, c.toLowerCase(Locale.ROOT))));
  }

  public static String didYouMean(String typed, Collection<String> candidates) {
    return closest(typed, candidates)
        .map(c -> " (did you mean " + c + "?)")
        .orElse(" (expected one of " + String.join(", ", candidates) + ")");
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
