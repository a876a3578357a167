package dev.unstuck.scenario;

import dev.unstuck.spec.InputNormalization;
import dev.unstuck.spec.Resampling;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The reference's own data preparation, written from the README's words, not from Unstuck's code: a
 * stratified split (per class, the rows shuffled by {@code new Random(splitSeed)} and the first
 * floor(n * fraction) held out - the same sizes as Unstuck's split, not the same rows, since
 * Unstuck draws Spark's {@code rand(seed)}), then normalisation fitted on the training split and
 * resampling of the training split only.
 */
final class ReferenceData {
  private ReferenceData() {}

  /** Row indices of the training and validation splits. */
  record Split(int[] train, int[] validation) {}

  /**
   * A variant's prepared splits; {@code classWeights} N / (K * n_class) over the (unresampled)
   * training split.
   */
  record Prepared(
      DataSet train, DataSet validation, double[] classWeights, double maxAbsFeatureMean) {}

  static Split split(ReferenceTable table, double fraction, long seed) {
    List<Integer> train = new ArrayList<>();
    List<Integer> validation = new ArrayList<>();
    for (int c = 0; c < table.numClasses(); c++) {
      List<Integer> rows = new ArrayList<>();
      for (int r = 0; r < table.rows(); r++) {
        if (table.labels()[r] == c) {
          rows.add(r);
        }
      }
      Collections.shuffle(rows, new Random(seed));
      int held = (int) Math.floor(rows.size() * fraction);
      validation.addAll(rows.subList(0, held));
      train.addAll(rows.subList(held, rows.size()));
    }
    Collections.sort(train);
    Collections.sort(validation);
    return new Split(
        train.stream().mapToInt(Integer::intValue).toArray(),
        validation.stream().mapToInt(Integer::intValue).toArray());
  }

  static Prepared prepare(
      ReferenceTable table,
      Split split,
      InputNormalization normalization,
      Resampling resampling,
      long seed) {
    double[][] train = rows(table.features(), split.train());
    double[][] validation = rows(table.features(), split.validation());
    int[] trainLabels = labels(table.labels(), split.train());
    int[] validationLabels = labels(table.labels(), split.validation());
    if (normalization != InputNormalization.NONE) {
      double[][] scale = scale(train, normalization);
      train = apply(train, scale, normalization);
      validation = apply(validation, scale, normalization);
    }
    int classes = table.numClasses();
    long[] counts = new long[classes];
    for (int label : trainLabels) {
      counts[label]++;
    }
    double[] weights = new double[classes];
    for (int c = 0; c < classes; c++) {
      weights[c] = counts[c] == 0 ? 0 : trainLabels.length / (double) (classes * counts[c]);
    }
    double maxAbsMean = maxAbsMean(train);
    int[] order = resample(trainLabels, counts, resampling, seed);
    return new Prepared(
        dataSet(rows(train, order), labels(trainLabels, order), classes),
        dataSet(validation, validationLabels, classes),
        weights,
        maxAbsMean);
  }

  /**
   * Row indices of the training split after resampling: every class up to the largest, or down to
   * the smallest.
   */
  private static int[] resample(int[] labels, long[] counts, Resampling resampling, long seed) {
    List<Integer> rows = new ArrayList<>();
    long max = 0;
    long min = Long.MAX_VALUE;
    for (long count : counts) {
      max = Math.max(max, count);
      min = count > 0 ? Math.min(min, count) : min;
    }
    Random random = new Random(seed);
    for (int c = 0; c < counts.length; c++) {
      List<Integer> ofClass = new ArrayList<>();
      for (int r = 0; r < labels.length; r++) {
        if (labels[r] == c) {
          ofClass.add(r);
        }
      }
      if (ofClass.isEmpty()) {
        continue;
      }
      if (resampling == Resampling.OVERSAMPLE) {
        rows.addAll(ofClass);
        for (long extra = max - ofClass.size(); extra > 0; extra--) {
          rows.add(ofClass.get(random.nextInt(ofClass.size())));
        }
      } else if (resampling == Resampling.UNDERSAMPLE) {
        Collections.shuffle(ofClass, random);
        rows.addAll(ofClass.subList(0, (int) min));
      } else {
        rows.addAll(ofClass);
      }
    }
    Collections.sort(rows);
    return rows.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Per feature: {mean, sample std} for standard, {min, max} for minmax. */
  private static double[][] scale(double[][] rows, InputNormalization normalization) {
    int width = rows[0].length;
    double[][] scale = new double[width][2];
    for (int f = 0; f < width; f++) {
      if (normalization == InputNormalization.MINMAX) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : rows) {
          min = Math.min(min, row[f]);
          max = Math.max(max, row[f]);
        }
        scale[f] = new double[] {min, max};
      } else {
        double sum = 0;
        for (double[] row : rows) {
          sum += row[f];
        }
        double mean = sum / rows.length;
        double squares = 0;
        for (double[] row : rows) {
          squares += (row[f] - mean) * (row[f] - mean);
        }
        scale[f] = new double[] {mean, Math.sqrt(squares / (rows.length - 1))};
      }
    }
    return scale;
  }

  private static double[][] apply(
      double[][] rows, double[][] scale, InputNormalization normalization) {
    double[][] out = new double[rows.length][];
    for (int r = 0; r < rows.length; r++) {
      out[r] = new double[rows[r].length];
      for (int f = 0; f < rows[r].length; f++) {
        double a = scale[f][0];
        double b = scale[f][1];
        if (normalization == InputNormalization.MINMAX) {
          out[r][f] = b == a ? 0.5 : (rows[r][f] - a) / (b - a);
        } else {
          out[r][f] = b == 0 ? 0 : (rows[r][f] - a) / b;
        }
      }
    }
    return out;
  }

  private static double maxAbsMean(double[][] rows) {
    double max = 0;
    for (int f = 0; f < rows[0].length; f++) {
      double sum = 0;
      for (double[] row : rows) {
        sum += row[f];
      }
      max = Math.max(max, Math.abs(sum / rows.length));
    }
    return max;
  }

  private static double[][] rows(double[][] all, int[] indices) {
    double[][] out = new double[indices.length][];
    for (int i = 0; i < indices.length; i++) {
      out[i] = all[indices[i]];
    }
    return out;
  }

  private static int[] labels(int[] all, int[] indices) {
    int[] out = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      out[i] = all[indices[i]];
    }
    return out;
  }

  private static DataSet dataSet(double[][] features, int[] labels, int classes) {
    float[][] x = new float[features.length][];
    float[][] y = new float[features.length][classes];
    for (int r = 0; r < features.length; r++) {
      x[r] = new float[features[r].length];
      for (int f = 0; f < features[r].length; f++) {
        x[r][f] = (float) features[r][f];
      }
      y[r][labels[r]] = 1f;
    }
    INDArray featureArray = Nd4j.create(x);
    return new DataSet(featureArray, Nd4j.create(y));
  }
}
