package dev.unstuck.sweep;

import dev.unstuck.data.ClassCounts;
import dev.unstuck.data.EncodedData;
import dev.unstuck.data.InputStats;
import dev.unstuck.data.StratifiedSplit;
import dev.unstuck.data.VariantRows;
import dev.unstuck.spec.InputNormalization;
import dev.unstuck.spec.Resampling;
import dev.unstuck.spec.TrainingSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Prepares each variant's data from the shared split. The split is cached once; variants whose data treatment
 * is the same (same scaling, resampling, batch size and workers) share one prepared copy, the others get their
 * own. Seeds of a variant share its data and differ in initialisation and shuffling.
 */
public final class VariantData {
  /** Splits up to this many rows are measured on the driver; bigger ones are sampled down to it. */
  static final int DRIVER_MEASURE_ROWS = 100_000;
  static final int PROBE_ROWS = 256;

  private final EncodedData data;
  private final StratifiedSplit.Split split;
  private final ClassCounts trainCounts;
  private final double validationMajorityRate;
  private final long seed;
  private final Map<Key, VariantInputs> prepared = new ConcurrentHashMap<>();

  private record Key(InputNormalization normalization, Resampling resampling, int batchSize, int workers) {}

  public VariantData(EncodedData data, double validationFraction, long splitSeed) {
    this.data = data;
    StratifiedSplit.Split raw = StratifiedSplit.split(data.rows(), validationFraction, splitSeed);
    this.split = new StratifiedSplit.Split(raw.train().cache(), raw.validation().cache());
    this.trainCounts = ClassCounts.of(split.train(), data.numClasses());
    this.validationMajorityRate = ClassCounts.of(split.validation(), data.numClasses()).majorityRate();
    this.seed = splitSeed;
  }

  public VariantInputs inputsFor(TrainingSpec training) {
    Key key = new Key(training.normalizeInputs(), training.resample(), training.batchSize(), training.workers());
    return prepared.computeIfAbsent(key, this::prepare);
  }

  private VariantInputs prepare(Key key) {
    VariantRows.Rows rows = VariantRows.prepare(split, key.normalization(), key.resampling(), trainCounts, seed);
    Dataset<Row> train = rows.train();
    long trainExamples = train.count();
    DataSet localTrain = DataSetConversion.collect(sampled(train, trainExamples), data.numClasses());
    DataSet localValidation = DataSetConversion.collect(
        sampled(rows.validation(), rows.validation().count()), data.numClasses());
    int probeRows = (int) Math.min(PROBE_ROWS, localTrain.numExamples());
    DataSet probe = (DataSet) localTrain.getRange(0, probeRows);
    return new VariantInputs(
        DataSetConversion.minibatches(train, data.numClasses(), key.batchSize(), key.workers()),
        localTrain,
        localValidation,
        probe,
        data.numFeatures(),
        data.classLabels(),
        trainExamples,
        validationMajorityRate,
        trainCounts.balancingWeights(),
        InputStats.of(train, data.numFeatures()));
  }

  private Dataset<Row> sampled(Dataset<Row> rows, long count) {
    return count <= DRIVER_MEASURE_ROWS ? rows : rows.sample(false, DRIVER_MEASURE_ROWS / (double) count, seed);
  }
}
