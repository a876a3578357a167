package dev.unstuck.data;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A dataset ready for training: column {@value #FEATURES} (a Spark ML vector) and {@value #LABEL}
 * (the class index as a double, 0-based, in the order of {@code classLabels}). {@code notices} say
 * how the loader treated cells the user may not expect (text in a numeric column, NaN kept), one
 * line each.
 */
public record EncodedData(
    Dataset<Row> rows,
    List<String> classLabels,
    List<String> featureNames,
    int numFeatures,
    List<String> notices) {
  public static final String FEATURES = "features";
  public static final String LABEL = "label";

  public EncodedData {
    classLabels = List.copyOf(classLabels);
    featureNames = List.copyOf(featureNames);
    notices = List.copyOf(notices);
  }

  /** Data read as it is, with nothing to tell the user. */
  public EncodedData(
      Dataset<Row> rows, List<String> classLabels, List<String> featureNames, int numFeatures) {
    this(rows, classLabels, featureNames, numFeatures, List.of());
  }

  public int numClasses() {
    return classLabels.size();
  }

  public EncodedData withRows(Dataset<Row> value) {
    return new EncodedData(value, classLabels, featureNames, numFeatures, notices);
  }
}
