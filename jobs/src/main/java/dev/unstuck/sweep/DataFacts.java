package dev.unstuck.sweep;

import dev.unstuck.data.InputStats;
import java.io.Serializable;
import java.util.List;

/**
 * What a run's telemetry says about the data it trains on; serializable, to travel with a Spark
 * task.
 */
public record DataFacts(
    int numFeatures,
    List<String> classLabels,
    long trainExamples,
    double majorityClassRate,
    double[] classWeights,
    InputStats inputStats)
    implements Serializable {

  public DataFacts {
    classLabels = List.copyOf(classLabels);
  }

  public int numClasses() {
    return classLabels.size();
  }
}
