package dev.unstuck.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The user's column names, and the positional names ({@code c0}, {@code c1}, ...) the loader works
 * under instead. A user's file may call a column anything: {@code label}, {@code features}, {@code
 * prediction}, a name with a dot (which Spark reads as a struct field) or with {@code __index};
 * Spark ML refuses to write an output column that exists and misreads dotted names. Renaming every
 * user column to {@code c<i>} first means no internal column ({@link EncodedData#LABEL}, {@link
 * EncodedData#FEATURES}, {@code c3_onehot}) can ever collide with one, and messages still name the
 * user's column.
 */
final class UserColumns {
  private final String[] safeNames;
  private final Map<String, String> safeByUser = new LinkedHashMap<>();

  private UserColumns(String[] userNames) {
    safeNames = new String[userNames.length];
    for (int i = 0; i < userNames.length; i++) {
      safeNames[i] = "c" + i;
      safeByUser.putIfAbsent(userNames[i], safeNames[i]);
    }
  }

  static UserColumns of(String[] userNames) {
    return new UserColumns(userNames);
  }

  /** The rows with every column under its positional name. */
  Dataset<Row> rename(Dataset<Row> rows) {
    return rows.toDF(safeNames);
  }

  /** The positional name of a user's column. */
  String safe(String userName) {
    String safe = safeByUser.get(userName);
    if (safe == null) {
      throw new IllegalArgumentException("no column '" + userName + "'");
    }
    return safe;
  }

  List<String> safe(List<String> userNames) {
    return userNames.stream().map(this::safe).toList();
  }
}
