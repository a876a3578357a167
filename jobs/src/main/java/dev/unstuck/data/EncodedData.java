package dev.unstuck.data;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A dataset ready for training: column {@value #FEATURES} (a Spark ML vector) and {@value #LABEL} (the class
 * index as a double, 0-based, in the order of {@code classLabels}).
 */
public record EncodedData(Dataset<Row> rows, List<String> classLabels, List<String> featureNames, int numFeatures) {
  public static final String FEATURES = "features";
  public static final String LABEL = "label";

  public EncodedData {
    classLabels = List.copyOf(classLabels);
    featureNames = List.copyOf(featureNames);
  }

  public int numClasses() {
    return classLabels.size();
  }

  public EncodedData withRows(Dataset<Row> value) {
    return new EncodedData(value, classLabels, featureNames, numFeatures);
  }
}
