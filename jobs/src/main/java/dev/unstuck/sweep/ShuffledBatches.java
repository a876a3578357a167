package dev.unstuck.sweep;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A training split held in one place, cut into each epoch's minibatches in that epoch's {@link
 * EpochOrder}. The rows are kept as plain float arrays and copied into each minibatch: ND4J's
 * {@code getRows} took as long as the training itself on small networks
 * (deploy/bench/sweep-bench.sh).
 */
public final class ShuffledBatches {
  private final float[] features;
  private final float[] labels;
  private final int rows;
  private final int width;
  private final int classes;

  public ShuffledBatches(DataSet data) {
    this.rows = data.numExamples();
    this.width = (int) data.getFeatures().size(1);
    this.classes = (int) data.getLabels().size(1);
    this.features = data.getFeatures().dup('c').data().asFloat();
    this.labels = data.getLabels().dup('c').data().asFloat();
  }

  public int rows() {
    return rows;
  }

  /** The epoch's minibatches of {@code batchSize} rows (the last one may be smaller). */
  public DataSetIterator forEpoch(int batchSize, long runSeed, int epoch) {
    int[] order = EpochOrder.permutation(rows, runSeed, epoch);
    List<DataSet> batches = new ArrayList<>((rows + batchSize - 1) / batchSize);
    for (int from = 0; from < rows; from += batchSize) {
      batches.add(rows(order, from, Math.min(rows, from + batchSize)));
    }
    return new ExistingDataSetIterator(batches);
  }

  /** The rows {@code order[from..to)}, copied, in that order. */
  public DataSet rows(int[] order, int from, int to) {
    int n = to - from;
    float[] x = new float[n * width];
    float[] y = new float[n * classes];
    for (int i = 0; i < n; i++) {
      System.arraycopy(features, order[from + i] * width, x, i * width, width);
      System.arraycopy(labels, order[from + i] * classes, y, i * classes, classes);
    }
    return new DataSet(
        Nd4j.create(x, new long[] {n, width}, 'c'), Nd4j.create(y, new long[] {n, classes}, 'c'));
  }
}
