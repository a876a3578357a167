package dev.unstuck.sweep;

import dev.unstuck.fix.PlannedRun;
import dev.unstuck.kafka.TelemetrySink;
import dev.unstuck.spec.Resampling;
import dev.unstuck.spec.RunConfig;
import dev.unstuck.spec.TrainingSpec;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.api.RepartitionStrategy;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Data-parallel training, for a training split too large for one task: DL4J parameter averaging
 * across {@code training.workers} partitions, the rows reshuffled across the workers every epoch.
 * Each worker trains minibatches of batchSize / workers examples, so one averaged step sees about
 * the user's batch size, and the parameters (and updater state) are averaged every few minibatches,
 * so the run takes about as many sequential steps per epoch as the user's own training. The epochs
 * are measured and published from the driver. A layer sequence and a graph are averaged alike, each
 * by DL4J's Spark wrapper of its kind ({@link AveragedNetwork}).
 */
final class DataParallelTrainer implements RunTrainer {
  private final JavaSparkContext spark;
  private final TelemetrySink sink;
  private final TrainingSettings settings;

  DataParallelTrainer(JavaSparkContext spark, TelemetrySink sink, TrainingSettings settings) {
    this.spark = spark;
    this.sink = sink;
    this.settings = settings;
  }

  /** Examples per worker minibatch: the user's batch split over the workers (at least 1). */
  static int batchSizePerWorker(int batchSize, int workers) {
    return Math.max(1, (batchSize + workers - 1) / workers);
  }

  @Override
  public TrainedRun train(PlannedRun run, Supplier<VariantInputs> data, RunProgress progress) {
    TrainingSpec training = run.variant().config().training();
    int perWorker = batchSizePerWorker(training.batchSize(), training.workers());
    TrainingLayout layout =
        TrainingLayout.dataParallel(training.workers(), perWorker, settings.averagingFrequency());
    spark.setJobGroup(
        run.runId(),
        run.runId() + ": data-parallel over " + training.workers() + " workers",
        false);
    try {
      return new EpochLoop(sink, progress)
          .run(
              RunLabel.of(run),
              layout,
              training,
              () -> new AveragedTrainee(run, data.get(), layout));
    } finally {
      spark.clearJobGroup();
    }
  }

  private final class AveragedTrainee implements EpochLoop.Trainee {
    private final VariantInputs inputs;
    private final AveragedNetwork averaged;
    private final EpochProbe probe;
    private final TrainingLayout layout;
    private final long seed;

    AveragedTrainee(PlannedRun run, VariantInputs inputs, TrainingLayout layout) {
      RunConfig config = run.variant().config();
      NetworkDefinition network =
          NetworkFactory.network(
              config,
              inputs.numFeatures(),
              inputs.numClasses(),
              run.seed(),
              config.training().resample() == Resampling.CLASS_WEIGHTS
                  ? inputs.classWeights()
                  : null);
      this.inputs = inputs;
      this.layout = layout;
      this.seed = run.seed();
      this.averaged =
          AveragedNetwork.of(
              spark, network, trainingMaster(layout, run.seed(), settings.prefetchBatches()));
      this.probe =
          new EpochProbe(inputs.train(), inputs.validation(), inputs.probe(), inputs.numClasses());
    }

    @Override
    public DataFacts facts() {
      return inputs.facts();
    }

    @Override
    public TrainableNetwork network() {
      return averaged.network();
    }

    @Override
    public void fitEpoch(int epoch) {
      int perWorker = layout.globalBatchSize() / layout.workers();
      JavaRDD<DataSet> batches =
          DataSetConversion.shuffledMinibatches(
              inputs.trainRows(),
              inputs.numClasses(),
              perWorker,
              layout.workers(),
              EpochOrder.seed(seed, epoch));
      try {
        averaged.fit(batches);
      } finally {
        batches.unpersist(
            false); // DL4J persists each epoch's minibatches and never lets go of them
      }
    }

    @Override
    public Measurement measure(Map<Integer, INDArray> weightsBefore) {
      return probe.measure(
          averaged.network(),
          weightsBefore,
          inputs.largeSplits().map(this::distributed).orElse(null));
    }

    /** DL4J's Spark evaluation over whole splits, for data too large to score on the driver. */
    private EpochProbe.DistributedEvaluation distributed(VariantInputs.LargeSplits large) {
      return new EpochProbe.DistributedEvaluation() {
        @Override
        public Evaluation train() {
          return averaged.evaluate(large.train());
        }

        @Override
        public Evaluation validation() {
          return averaged.evaluate(large.validation());
        }
      };
    }
  }

  /**
   * Parameter averaging every {@code averagingFrequency} minibatches per worker. Direct, because
   * concurrent runs must not share DL4J's exported temp files (they race and corrupt each other).
   * DL4J cuts each epoch into random splits of workers x frequency minibatches; Repartition.Always
   * with the Balanced strategy gives every worker exactly its share of a split, because a worker
   * trains at most {@code frequency} minibatches per split and silently skips the rest of an
   * unbalanced partition.
   */
  static ParameterAveragingTrainingMaster trainingMaster(
      TrainingLayout layout, long seed, int prefetchBatches) {
    int perWorker = layout.globalBatchSize() / layout.workers();
    return new ParameterAveragingTrainingMaster.Builder(layout.workers(), perWorker)
        .batchSizePerWorker(perWorker)
        .averagingFrequency(layout.averagingFrequency())
        .workerPrefetchNumBatches(prefetchBatches)
        .rddTrainingApproach(RDDTrainingApproach.Direct)
        .repartionData(Repartition.Always)
        .repartitionStrategy(RepartitionStrategy.Balanced)
        .storageLevel(StorageLevel.MEMORY_ONLY())
        .collectTrainingStats(false)
        .rngSeed(seed)
        .build();
  }
}
