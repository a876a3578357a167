package dev.unstuck.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.math3.stat.descriptive.AggregateSummaryStatistics;
import org.apache.commons.math3.stat.descriptive.StatisticalSummary;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the network's inputs look like: NaN/Inf count and the largest per-feature |mean| and
 * standard deviation over the finite values. Telemetry reports them so the diagnosis can call NaN
 * or unnormalised inputs a data-pipeline error.
 *
 * <p>Per feature and partition, Commons Math's {@link SummaryStatistics} keeps the moments by
 * updating (Welford's method); partitions are combined by {@link AggregateSummaryStatistics}. A sum
 * of squares minus the squared mean loses every digit of the variance once the mean is large (raw
 * timestamps, prices in cents): the std would read 0.
 */
public record InputStats(long nonFinite, double maxAbsMean, double maxStd) implements Serializable {

  public static InputStats of(Dataset<Row> rows, int width) {
    List<PartitionMoments> partitions =
        rows.select(EncodedData.FEATURES)
            .javaRDD()
            .mapPartitions((Iterator<Row> it) -> List.of(PartitionMoments.of(it, width)).iterator())
            .collect();
    return combine(partitions, width);
  }

  static InputStats combine(List<PartitionMoments> partitions, int width) {
    double maxAbsMean = 0;
    double maxStd = 0;
    long nonFinite = 0;
    for (PartitionMoments p : partitions) {
      nonFinite += p.nonFinite;
    }
    for (int i = 0; i < width; i++) {
      List<StatisticalSummary> perPartition = new ArrayList<>();
      for (PartitionMoments p : partitions) {
        if (p.features[i].getN() > 0) {
          perPartition.add(p.features[i]);
        }
      }
      if (perPartition.isEmpty()) {
        continue;
      }
      StatisticalSummary feature = AggregateSummaryStatistics.aggregate(perPartition);
      maxAbsMean = Math.max(maxAbsMean, Math.abs(feature.getMean()));
      // one value has no spread (Commons Math says NaN there)
      maxStd = Math.max(maxStd, feature.getN() > 1 ? feature.getStandardDeviation() : 0);
    }
    return new InputStats(nonFinite, maxAbsMean, maxStd);
  }

  /**
   * One partition's per-feature moments over its finite values, and its count of non-finite cells.
   */
  static final class PartitionMoments implements Serializable {
    final SummaryStatistics[] features;
    long nonFinite;

    PartitionMoments(int width) {
      features = new SummaryStatistics[width];
      for (int i = 0; i < width; i++) {
        features[i] = new SummaryStatistics();
      }
    }

    static PartitionMoments of(Iterator<Row> rows, int width) {
      PartitionMoments m = new PartitionMoments(width);
      while (rows.hasNext()) {
        m.add(((Vector) rows.next().get(0)).toArray());
      }
      return m;
    }

    void add(double[] values) {
      for (int i = 0; i < features.length; i++) {
        if (Double.isFinite(values[i])) {
          features[i].addValue(values[i]);
        } else {
          nonFinite++;
        }
      }
    }
  }
}
