package dev.unstuck.sweep;

import dev.unstuck.data.InputStats;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.nd4j.linalg.dataset.DataSet;

/**
 * One variant's data, ready for training: minibatches on the executors, and on the driver the splits it is
 * measured on (the probe is a fixed slice of the training split for per-layer statistics).
 *
 * @param train the training split on the driver, or a seeded sample of it when it is large
 * @param validation the validation split on the driver, or a seeded sample of it when it is large
 * @param largeSplits the splits on the executors when the driver holds only samples: classification scores are
 *     then computed over all of it with DL4J's Spark evaluation; empty for small data
 */
public record VariantInputs(
    JavaRDD<DataSet> trainBatches,
    DataSet train,
    DataSet validation,
    DataSet probe,
    int numFeatures,
    List<String> classLabels,
    long trainExamples,
    double majorityClassRate,
    double[] classWeights,
    InputStats inputStats,
    java.util.Optional<LargeSplits> largeSplits) {

  /** Training and validation minibatches on the executors, for distributed evaluation. */
  public record LargeSplits(JavaRDD<DataSet> train, JavaRDD<DataSet> validation) {}

  public int numClasses() {
    return classLabels.size();
  }
}
