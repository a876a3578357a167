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
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
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
  /**
   * Splits up to this many rows are measured on the driver. Bigger ones are sampled down to it on the driver
   * (losses, per-layer statistics) and their classification scores computed over the whole split on the
   * executors.
   */
  static final int DRIVER_MEASURE_ROWS = 100_000;
  static final int PROBE_ROWS = 256;
  /** Examples per DataSet when a large split is evaluated on the executors. */
  static final int EVALUATION_BATCH = 1024;

  private final EncodedData data;
  private final StratifiedSplit.Split split;
  private final ClassCounts trainCounts;
  private final double validationMajorityRate;
  private final long seed;
  private final Map<Key, VariantInputs> prepared = new ConcurrentHashMap<>();

  private record Key(InputNormalization normalization, Resampling resampling, int batchSize, int workers) {}

  private final long driverMeasureRows;

  public VariantData(EncodedData data, double validationFraction, long splitSeed) {
    this(data, validationFraction, splitSeed, DRIVER_MEASURE_ROWS);
  }

  /** @param driverMeasureRows splits larger than this are scored on the executors (see DRIVER_MEASURE_ROWS) */
  public VariantData(EncodedData data, double validationFraction, long splitSeed, long driverMeasureRows) {
    this.driverMeasureRows = driverMeasureRows;
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
    long validationRows = rows.validation().count();
    DataSet localValidation = DataSetConversion.collect(sampled(rows.validation(), validationRows),
        data.numClasses());
    int probeRows = (int) Math.min(PROBE_ROWS, localTrain.numExamples());
    DataSet probe = (DataSet) localTrain.getRange(0, probeRows);
    JavaRDD<DataSet> trainBatches = DataSetConversion.minibatches(train, data.numClasses(), key.batchSize(),
        key.workers());
    Optional<VariantInputs.LargeSplits> large = trainExamples <= driverMeasureRows
        && validationRows <= driverMeasureRows ? Optional.empty()
        : Optional.of(new VariantInputs.LargeSplits(trainBatches, DataSetConversion.minibatches(rows.validation(),
            data.numClasses(), EVALUATION_BATCH, key.workers()).persist(StorageLevel.MEMORY_AND_DISK())));
    return new VariantInputs(
        trainBatches,
        localTrain,
        localValidation,
        probe,
        data.numFeatures(),
        data.classLabels(),
        trainExamples,
        validationMajorityRate,
        trainCounts.balancingWeights(),
        InputStats.of(train, data.numFeatures()),
        large);
  }

  private Dataset<Row> sampled(Dataset<Row> rows, long count) {
    return count <= driverMeasureRows ? rows : rows.sample(false, driverMeasureRows / (double) count, seed);
  }
}
