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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares each variant's data from the shared split. The split is cached once; variants whose data
 * treatment is the same (same scaling, resampling, batch size and workers) share one prepared copy,
 * the others get their own. Seeds of a variant share its data and differ in initialisation and in
 * the order of the rows each epoch ({@link EpochOrder}).
 */
public final class VariantData implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(VariantData.class);

  /**
   * Splits up to this many rows are measured on the driver. Bigger ones are sampled down to it on
   * the driver (losses, per-layer statistics) and their classification scores computed over the
   * whole split on the executors.
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

  /**
   * Each data treatment's inputs, prepared once. The map holds futures, not the inputs: preparing
   * runs Spark jobs, and inside the map's computeIfAbsent they would block every other treatment
   * that hashes to the same bin until they finish.
   */
  private final Map<Key, CompletableFuture<VariantInputs>> prepared = new ConcurrentHashMap<>();

  /**
   * What changes a variant's rows; the batch size does not, since each trainer cuts its own
   * minibatches.
   */
  private record Key(InputNormalization normalization, Resampling resampling, int workers) {}

  private final long driverMeasureRows;

  /**
   * NaN/Inf cells of the training split as loaded: scaling would spread one NaN over its whole
   * column.
   */
  private final long nonFiniteCells;

  public VariantData(EncodedData data, double validationFraction, long splitSeed) {
    this(data, validationFraction, splitSeed, DRIVER_MEASURE_ROWS);
  }

  /**
   * @param driverMeasureRows splits larger than this are scored on the executors (see
   *     DRIVER_MEASURE_ROWS)
   */
  public VariantData(
      EncodedData data, double validationFraction, long splitSeed, long driverMeasureRows) {
    this.driverMeasureRows = driverMeasureRows;
    this.data = data;
    StratifiedSplit.Split raw = StratifiedSplit.split(data.rows(), validationFraction, splitSeed);
    this.split = raw.withSides(raw.train().cache(), raw.validation().cache());
    this.trainCounts = ClassCounts.of(split.train(), data.numClasses());
    this.validationMajorityRate =
        ClassCounts.of(split.validation(), data.numClasses()).majorityRate();
    this.seed = splitSeed;
    this.nonFiniteCells = InputStats.of(split.train(), data.numFeatures()).nonFinite();
  }

  public VariantInputs inputsFor(TrainingSpec training) {
    Key key = new Key(training.normalizeInputs(), training.resample(), training.workers());
    CompletableFuture<VariantInputs> mine = new CompletableFuture<>();
    CompletableFuture<VariantInputs> existing = prepared.putIfAbsent(key, mine);
    if (existing != null) {
      return awaitPrepared(existing); // another variant with the same treatment prepares it
    }
    VariantInputs inputs;
    try {
      inputs = prepare(key);
    } catch (RuntimeException | Error e) {
      prepared.remove(key, mine); // the next variant asking tries again
      mine.completeExceptionally(e);
      throw e;
    }
    mine.complete(inputs);
    return inputs;
  }

  private static VariantInputs awaitPrepared(CompletableFuture<VariantInputs> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /**
   * Releases what the split and the prepared inputs keep cached on the executors: a sweep's data
   * stays cached until its last run has trained, and no longer (the stream job and later sweeps in
   * the same Spark application would otherwise find executors full of old rows).
   */
  @Override
  public void close() {
    for (CompletableFuture<VariantInputs> future : prepared.values()) {
      if (future.isDone() && !future.isCompletedExceptionally()) {
        VariantInputs inputs = future.join();
        inputs.trainRows().unpersist();
        inputs
            .largeSplits()
            .ifPresent(
                large -> {
                  large.train().unpersist();
                  large.validation().unpersist();
                });
      }
    }
    prepared.clear();
    split.unpersist();
  }

  /**
   * The variant's inputs with the training labels in a seeded random order (the label-permutation
   * probe): the same rows, the same class counts, no relation left between features and labels.
   * Validation keeps the real labels. Only for runs trained whole from the driver's copy of the
   * split.
   */
  public VariantInputs permutedLabelsFor(TrainingSpec training) {
    VariantInputs real = inputsFor(training);
    if (!real.wholeOnDriver()) {
      throw new IllegalStateException(
          "the label-permutation probe needs the training split whole on the driver");
    }
    DataSet train = real.train();
    // epoch -1: an order no training epoch (1, 2, ...) or the probe sample (0) uses
    int[] order = EpochOrder.permutation(train.numExamples(), seed, -1);
    DataSet permuted = new DataSet(train.getFeatures(), train.getLabels().getRows(order));
    return new VariantInputs(
        real.trainRows(),
        permuted,
        real.validation(),
        probe(permuted),
        real.facts(),
        real.largeSplits());
  }

  private VariantInputs prepare(Key key) {
    long start = System.currentTimeMillis();
    VariantRows.Rows rows =
        VariantRows.prepare(split, key.normalization(), key.resampling(), trainCounts, seed);
    Dataset<Row> train = rows.train().persist(StorageLevel.MEMORY_AND_DISK());
    long trainExamples = train.count();
    DataSet localTrain =
        DataSetConversion.collect(sampled(train, trainExamples), data.numClasses());
    long validationRows = rows.validation().count();
    DataSet localValidation =
        DataSetConversion.collect(sampled(rows.validation(), validationRows), data.numClasses());
    Optional<VariantInputs.LargeSplits> large =
        trainExamples <= driverMeasureRows && validationRows <= driverMeasureRows
            ? Optional.empty()
            : Optional.of(
                new VariantInputs.LargeSplits(
                    evaluationBatches(train, key.workers()),
                    evaluationBatches(rows.validation(), key.workers())));
    DataFacts facts =
        new DataFacts(
            data.numFeatures(),
            data.classLabels(),
            trainExamples,
            validationMajorityRate,
            trainCounts.balancingWeights(),
            asTrained(InputStats.of(train, data.numFeatures())));
    LOG.info("inputs for {} prepared in {} ms", key, System.currentTimeMillis() - start);
    return new VariantInputs(train, localTrain, localValidation, probe(localTrain), facts, large);
  }

  /**
   * The scale of the inputs as the network sees them, with the bad cells counted as the user's file
   * has them.
   */
  private InputStats asTrained(InputStats scaled) {
    return new InputStats(nonFiniteCells, scaled.maxAbsMean(), scaled.maxStd());
  }

  /**
   * A seeded random sample of the training split: the rows arrive grouped by class, and a probe of
   * the first rows would measure the gradients of one class only.
   */
  private DataSet probe(DataSet train) {
    int[] order = EpochOrder.permutation(train.numExamples(), seed, 0);
    return new ShuffledBatches(train).rows(order, 0, Math.min(PROBE_ROWS, order.length));
  }

  private JavaRDD<DataSet> evaluationBatches(Dataset<Row> rows, int partitions) {
    return DataSetConversion.minibatches(rows, data.numClasses(), EVALUATION_BATCH, partitions)
        .persist(StorageLevel.MEMORY_AND_DISK());
  }

  /** Bytes the training split's features take as 32-bit floats: what decides the training mode. */
  public long trainFeatureBytes() {
    return trainCounts.total() * data.numFeatures() * (long) Float.BYTES;
  }

  public long trainRows() {
    return trainCounts.total();
  }

  /**
   * Whether a variant's splits can be held whole on the driver, which variant-parallel training
   * needs.
   */
  public boolean fitsOnDriver() {
    return trainCounts.total() <= driverMeasureRows;
  }

  private Dataset<Row> sampled(Dataset<Row> rows, long count) {
    return count <= driverMeasureRows
        ? rows
        : rows.sample(false, driverMeasureRows / (double) count, seed);
  }
}
