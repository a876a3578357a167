package dev.unstuck.data;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/**
 * Before any training: will the stratified split leave the validation split empty? {@link
 * StratifiedSplit} holds out {@code floor(fraction x n)} rows of every class of n rows, so with
 * small classes (500 classes on 1,000 rows) or a tiny fraction no class gives up a single row, and
 * every run would fail on an empty split. The training split cannot be empty: each class keeps
 * {@code n - floor(fraction x n) >= 1} rows for a fraction below 1.
 */
public final class SplitCheck {
  private SplitCheck() {}

  /** As {@link #check(long[], List, double)} for encoded data (counts its classes with Spark). */
  public static void check(EncodedData data, double fraction) {
    check(ClassCounts.of(data.rows(), data.numClasses()).counts(), data.classLabels(), fraction);
  }

  /**
   * @param perClass rows of each class (index = class index)
   * @param classes the class labels, for the message
   * @param fraction data.validation
   * @throws DataException naming data.validation, the empty split and why, when no row would be
   *     held out
   */
  public static void check(long[] perClass, List<String> classes, double fraction) {
    long heldOut = 0;
    long total = 0;
    int largest = 0;
    for (int c = 0; c < perClass.length; c++) {
      heldOut += validationRows(perClass[c], fraction);
      total += perClass[c];
      if (perClass[c] > perClass[largest]) {
        largest = c;
      }
    }
    if (heldOut > 0 || total == 0) {
      return;
    }
    long most = perClass[largest];
    String why =
        String.format(
            Locale.ROOT,
            "the split is stratified by label: each class holds out floor(%s x its "
                + "rows), and no class has the %d rows that takes (%d classes on %d rows; the largest, '%s', has %d)",
            number(fraction),
            (long) Math.ceil(1 / fraction),
            perClass.length,
            total,
            classes.get(largest),
            most);
    String remedy =
        most < 2
            ? "every class has a single row: there is nothing to hold out - the label is probably not a class"
            : String.format(
                Locale.ROOT,
                "raise data.validation to at least %s, or use a label with fewer classes",
                atLeastOneOf(most));
    throw new DataException(
        "data.validation: "
            + number(fraction)
            + " leaves the validation split empty: "
            + why
            + " - "
            + remedy);
  }

  /** Exactly as StratifiedSplit decides it: row rank {@code <= n x fraction} is held out. */
  static long validationRows(long rows, double fraction) {
    return (long) Math.floor(rows * fraction);
  }

  /** 0.2, 0.001, 1E-7: as short as the value allows. */
  private static String number(double value) {
    BigDecimal exact = BigDecimal.valueOf(value).stripTrailingZeros();
    return Math.abs(value) >= 1e-4 ? exact.toPlainString() : exact.toString();
  }

  /** The smallest fraction that holds out one row of n, rounded up to 3 digits so it still does. */
  private static String atLeastOneOf(long rows) {
    return number(
        BigDecimal.ONE
            .divide(BigDecimal.valueOf(rows), new MathContext(3, RoundingMode.UP))
            .doubleValue());
  }
}
