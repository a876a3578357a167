package dev.unstuck.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The reference the sweep's training is checked against: what a user writes with DL4J alone, in one
 * process, no Spark and none of Unstuck's training code. Each epoch the row indices 0..n-1 are
 * shuffled with {@code Collections.shuffle} and {@code new Random(seed * 1_000_003 + epoch)} (the
 * order Unstuck documents), cut into minibatches and fitted one by one; the scores are computed
 * here by hand (the loss without any L1/L2 penalty).
 */
public final class PlainDl4j {
  private PlainDl4j() {}

  /**
   * Final training loss (cross-entropy, no penalty) and validation balanced accuracy (mean
   * per-class recall).
   */
  public record Result(double trainLoss, double validationBalancedAccuracy) {}

  public static Result train(
      MultiLayerConfiguration conf,
      DataSet train,
      DataSet validation,
      int batchSize,
      long seed,
      int epochs) {
    Nd4j.getRandom().setSeed(seed);
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return train(
        net::fit,
        features -> net.output(features, false),
        train,
        validation,
        batchSize,
        seed,
        epochs);
  }

  /** As above, for a graph with one input and one output: {@code ComputationGraph.fit}. */
  public static Result train(
      ComputationGraphConfiguration conf,
      DataSet train,
      DataSet validation,
      int batchSize,
      long seed,
      int epochs) {
    Nd4j.getRandom().setSeed(seed);
    ComputationGraph graph = new ComputationGraph(conf);
    graph.init();
    return train(
        graph::fit,
        features -> graph.outputSingle(false, features),
        train,
        validation,
        batchSize,
        seed,
        epochs);
  }

  private static Result train(
      Consumer<DataSet> fit,
      UnaryOperator<INDArray> output,
      DataSet train,
      DataSet validation,
      int batchSize,
      long seed,
      int epochs) {
    for (int epoch = 1; epoch <= epochs; epoch++) {
      List<Integer> indices = new ArrayList<>();
      for (int i = 0; i < train.numExamples(); i++) {
        indices.add(i);
      }
      Collections.shuffle(indices, new Random(seed * 1_000_003L + epoch));
      for (int from = 0; from < indices.size(); from += batchSize) {
        int[] rows =
            indices.subList(from, Math.min(indices.size(), from + batchSize)).stream()
                .mapToInt(Integer::intValue)
                .toArray();
        fit.accept(new DataSet(train.getFeatures().getRows(rows), train.getLabels().getRows(rows)));
      }
    }
    return new Result(
        crossEntropy(output.apply(train.getFeatures()), train.getLabels()),
        balancedAccuracy(output.apply(validation.getFeatures()), validation.getLabels()));
  }

  /**
   * Mean over rows of -sum(label * ln(output)): the multi-class cross-entropy of softmax outputs,
   * by hand and in double precision, with no regularisation penalty.
   */
  public static double crossEntropy(INDArray output, INDArray oneHotLabels) {
    double sum = 0;
    for (int row = 0; row < oneHotLabels.rows(); row++) {
      for (int c = 0; c < oneHotLabels.columns(); c++) {
        double label = oneHotLabels.getDouble(row, c);
        if (label != 0) {
          sum -= label * Math.log(output.getDouble(row, c));
        }
      }
    }
    return sum / oneHotLabels.rows();
  }

  /** Mean over the classes present of the share of their rows predicted as them. */
  public static double balancedAccuracy(INDArray output, INDArray oneHotLabels) {
    int classes = (int) oneHotLabels.size(1);
    long[] seen = new long[classes];
    long[] right = new long[classes];
    for (int row = 0; row < oneHotLabels.rows(); row++) {
      int truth = argMax(oneHotLabels.getRow(row));
      seen[truth]++;
      if (argMax(output.getRow(row)) == truth) {
        right[truth]++;
      }
    }
    double sum = 0;
    int present = 0;
    for (int c = 0; c < classes; c++) {
      if (seen[c] > 0) {
        sum += right[c] / (double) seen[c];
        present++;
      }
    }
    return sum / present;
  }

  private static int argMax(INDArray row) {
    int best = 0;
    for (int i = 1; i < row.length(); i++) {
      if (row.getDouble(i) > row.getDouble(best)) {
        best = i;
      }
    }
    return best;
  }
}
