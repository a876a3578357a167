package dev.unstuck.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Missing, NaN and infinite cells of the numeric feature columns, counted per column in one pass.
 * The training telemetry counts NaN inputs as the network sees them, after scaling (standardising a
 * column with one NaN makes the whole column NaN); this counts the cells in the user's file and
 * names their columns.
 */
final class NonFiniteCells {
  private static final int NAMED_COLUMNS = 8;

  private NonFiniteCells() {}

  /** A missing, NaN or infinite number. */
  static Column nonFinite(String column) {
    Column value = col(column).cast(DataTypes.DoubleType);
    return value
        .isNull()
        .or(value.isNaN())
        .or(value.equalTo(Double.POSITIVE_INFINITY))
        .or(value.equalTo(Double.NEGATIVE_INFINITY));
  }

  /** Bad cells per user column name, only columns that have any, in file order. */
  static Map<String, Long> count(Dataset<Row> raw, Map<String, String> userNameByColumn) {
    Map<String, Long> counts = new LinkedHashMap<>();
    if (userNameByColumn.isEmpty()) {
      return counts;
    }
    List<String> columns = new ArrayList<>(userNameByColumn.keySet());
    Column[] sums =
        columns.stream().map(c -> sum(when(nonFinite(c), 1).otherwise(0))).toArray(Column[]::new);
    Row row = raw.agg(sums[0], Arrays.copyOfRange(sums, 1, sums.length)).first();
    for (int i = 0; i < columns.size(); i++) {
      long bad = row.isNullAt(i) ? 0 : row.getLong(i);
      if (bad > 0) {
        counts.put(userNameByColumn.get(columns.get(i)), bad);
      }
    }
    return counts;
  }

  /** The one line for data.nonFinite: report, or empty when every cell is a finite number. */
  static Optional<String> report(Map<String, Long> counts) {
    if (counts.isEmpty()) {
      return Optional.empty();
    }
    long cells = counts.values().stream().mapToLong(Long::longValue).sum();
    List<String> named =
        counts.entrySet().stream()
            .limit(NAMED_COLUMNS)
            .map(e -> e.getKey() + " (" + e.getValue() + ")")
            .toList();
    String more =
        counts.size() > NAMED_COLUMNS ? ", ... " + (counts.size() - NAMED_COLUMNS) + " more" : "";
    return Optional.of(
        "data.nonFinite: report - "
            + cells
            + " feature cell"
            + (cells == 1 ? " is" : "s are")
            + " missing, NaN or infinite in "
            + counts.size()
            + " column"
            + (counts.size() == 1 ? "" : "s")
            + ": "
            + String.join(", ", named)
            + more
            + "; kept as NaN, so the diagnosis reports a data-pipeline error "
            + "(data.nonFinite: drop removes those rows, fail stops here)");
  }
}
