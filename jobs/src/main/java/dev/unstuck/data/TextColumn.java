package dev.unstuck.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * What a feature column Spark read as text really is. Numbers with a few placeholders ({@code n/a},
 * {@code ?}, {@code -}) are numbers with missing cells - one-hot encoding each distinct number
 * would be wrong, silently; a text column with few distinct values is a category; mostly unique
 * text (names, ids, comments) cannot be encoded.
 */
final class TextColumn {
  /**
   * A text column with more distinct values than this share of rows is free text, not a category.
   */
  static final double MAX_CATEGORY_SHARE = 0.5;

  /**
   * A column whose cells are at least this share numbers is numeric; the rest are placeholders for
   * missing.
   */
  static final double MIN_NUMBER_SHARE = 0.9;

  /**
   * How the loader treats the column; {@code notice} says so to the user when it changed the cells.
   */
  record Treatment(boolean numeric, Optional<String> notice) {}

  private TextColumn() {}

  /**
   * @param column the column in {@code raw}; {@code name} its name in the user's file
   * @throws DataException for free text, naming the column and its counts
   */
  static Treatment classify(Dataset<Row> raw, String column, String name, long rows) {
    Column notANumber =
        col(column).isNotNull().and(col(column).cast(DataTypes.DoubleType).isNull());
    Row stats =
        raw.agg(
                countDistinct(col(column)),
                sum(when(notANumber, 1).otherwise(0)),
                count(col(column)))
            .first();
    long distinct = stats.getLong(0);
    long nonNumeric = stats.isNullAt(1) ? 0 : stats.getLong(1);
    long present = stats.getLong(2);
    if (present > 0 && nonNumeric < present && present - nonNumeric >= MIN_NUMBER_SHARE * present) {
      List<String> examples =
          raw.filter(notANumber)
              .select(column)
              .distinct()
              .limit(3)
              .as(Encoders.STRING())
              .collectAsList();
      return new Treatment(
          true,
          Optional.of(
              "feature column '"
                  + name
                  + "' holds numbers and "
                  + nonNumeric
                  + " text cell"
                  + (nonNumeric == 1 ? "" : "s")
                  + " ('"
                  + String.join("', '", examples)
                  + "'): the text is "
                  + "read as missing"));
    }
    if (distinct > Math.max(50, rows * MAX_CATEGORY_SHARE)) {
      throw new DataException(
          "feature column '"
              + name
              + "' is text with "
              + distinct
              + " distinct values in "
              + rows
              + " rows ("
              + nonNumeric
              + " rows not numeric): too many for a category, so it cannot be "
              + "encoded - fix the values or leave the column out with data.features");
    }
    return new Treatment(false, Optional.empty());
  }
}
