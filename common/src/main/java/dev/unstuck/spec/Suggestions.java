package dev.unstuck.spec;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * "Did you mean ...?" for misspelt keys and names: the closest candidate within a small edit
 * distance.
 */
public final class Suggestions {
  private static final LevenshteinDistance LEVENSHTEIN = LevenshteinDistance.getDefaultInstance();

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

  private static int distance(String a, String b) {
    return LEVENSHTEIN.apply(a, b);
  }
}
