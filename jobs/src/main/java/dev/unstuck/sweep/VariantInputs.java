package dev.unstuck.sweep;

import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.nd4j.linalg.dataset.DataSet;

/**
 * One variant's data, ready for training: its training rows on the executors (for data-parallel
 * training), and on the driver the splits it is measured on and, when they are small, trained on
 * whole.
 *
 * @param trainRows the (scaled, resampled) training rows, persisted on the executors
 * @param train the training split on the driver, or a seeded sample of it when it is large
 * @param validation the validation split on the driver, or a seeded sample of it when it is large
 * @param probe a fixed, seeded random sample of the training split for per-layer statistics
 * @param largeSplits the splits on the executors when the driver holds only samples: classification
 *     scores are then computed over all of it with DL4J's Spark evaluation; empty for small data
 */
public record VariantInputs(
    Dataset<Row> trainRows,
    DataSet train,
    DataSet validation,
    DataSet probe,
    DataFacts facts,
    Optional<LargeSplits> largeSplits) {

  /** Training and validation minibatches on the executors, for distributed evaluation. */
  public record LargeSplits(JavaRDD<DataSet> train, JavaRDD<DataSet> validation) {}

  /** Whether {@link #train} and {@link #validation} are the whole splits, not samples. */
  public boolean wholeOnDriver() {
    return largeSplits.isEmpty();
  }

  public int numFeatures() {
    return facts.numFeatures();
  }

  public int numClasses() {
    return facts.numClasses();
  }

  public List<String> classLabels() {
    return facts.classLabels();
  }

  public long trainExamples() {
    return facts.trainExamples();
  }

  public double[] classWeights() {
    return facts.classWeights();
  }
}
