package dev.unstuck.data;

import java.io.Serializable;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the network's inputs look like: NaN/Inf count and the largest per-feature |mean| and std over the finite
 * values. Telemetry reports them so the diagnosis can call NaN or unnormalised inputs a data-pipeline error.
 */
public record InputStats(long nonFinite, double maxAbsMean, double maxStd) implements Serializable {

  public static InputStats of(Dataset<Row> rows, int width) {
    Moments total = rows.select(EncodedData.FEATURES).javaRDD()
        .map(row -> Moments.of((Vector) row.get(0), width))
        .fold(new Moments(width), Moments::merge);
    return total.stats();
  }

  /** Per-feature sums over finite values, mergeable across partitions. */
  static final class Moments implements Serializable {
    final double[] sum;
    final double[] sumSquares;
    final long[] count;
    long nonFinite;

    Moments(int width) {
      sum = new double[width];
      sumSquares = new double[width];
      count = new long[width];
    }

    static Moments of(Vector vector, int width) {
      Moments m = new Moments(width);
      double[] values = vector.toArray();
      for (int i = 0; i < width; i++) {
        double v = values[i];
        if (Double.isFinite(v)) {
          m.sum[i] += v;
          m.sumSquares[i] += v * v;
          m.count[i]++;
        } else {
          m.nonFinite++;
        }
      }
      return m;
    }

    static Moments merge(Moments a, Moments b) {
      Moments m = new Moments(a.sum.length);
      for (int i = 0; i < a.sum.length; i++) {
        m.sum[i] = a.sum[i] + b.sum[i];
        m.sumSquares[i] = a.sumSquares[i] + b.sumSquares[i];
        m.count[i] = a.count[i] + b.count[i];
      }
      m.nonFinite = a.nonFinite + b.nonFinite;
      return m;
    }

    InputStats stats() {
      double maxAbsMean = 0;
      double maxStd = 0;
      for (int i = 0; i < sum.length; i++) {
        if (count[i] == 0) {
          continue;
        }
        double mean = sum[i] / count[i];
        double variance = Math.max(0, sumSquares[i] / count[i] - mean * mean);
        maxAbsMean = Math.max(maxAbsMean, Math.abs(mean));
        maxStd = Math.max(maxStd, Math.sqrt(variance));
      }
      return new InputStats(nonFinite, maxAbsMean, maxStd);
    }
  }
}
