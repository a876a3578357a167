package dev.unstuck.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;

/** One epoch's minibatches over a training split held in one place, in that epoch's {@link EpochOrder}. */
public final class ShuffledBatches {
  private ShuffledBatches() {}

  public static DataSetIterator forEpoch(DataSet train, int batchSize, long runSeed, int epoch) {
    int[] order = EpochOrder.permutation(train.numExamples(), runSeed, epoch);
    List<DataSet> batches = new ArrayList<>((order.length + batchSize - 1) / batchSize);
    for (int from = 0; from < order.length; from += batchSize) {
      batches.add(rows(train, Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize))));
    }
    return new ExistingDataSetIterator(batches);
  }

  /** The given rows of {@code data}, copied, in the given order. */
  public static DataSet rows(DataSet data, int[] rows) {
    return new DataSet(data.getFeatures().getRows(rows), data.getLabels().getRows(rows));
  }
}
