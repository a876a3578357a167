package dev.unstuck.sweep;

import dev.unstuck.data.InputStats;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.nd4j.linalg.dataset.DataSet;

/**
 * One variant's data, ready for training: minibatches on the executors, and on the driver the splits it is
 * measured on (the probe is a fixed slice of the training split for per-layer statistics).
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
    InputStats inputStats) {

  public int numClasses() {
    return classLabels.size();
  }
}
