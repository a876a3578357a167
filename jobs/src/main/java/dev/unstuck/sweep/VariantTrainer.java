package dev.unstuck.sweep;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.diagnosis.RunStatus;
import dev.unstuck.fix.PlannedRun;
import dev.unstuck.kafka.TelemetrySink;
import dev.unstuck.spec.RunConfig;
import dev.unstuck.spec.TrainingSpec;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one run (a variant with one seed) data-parallel with DL4J's parameter averaging, one epoch at a time,
 * measuring and publishing after each. Whatever happens, the run ends with a terminal record: FINISHED,
 * DIVERGED (NaN/Inf) or FAILED (an exception or out of memory) - one run's failure never ends the sweep.
 */
public final class VariantTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(VariantTrainer.class);

  private final JavaSparkContext spark;
  private final TelemetrySink sink;
  private final RunProgress progress;
  private final TrainingSettings settings;

  public VariantTrainer(JavaSparkContext spark, TelemetrySink sink, RunProgress progress, TrainingSettings settings) {
    this.spark = spark;
    this.sink = sink;
    this.progress = progress;
    this.settings = settings;
  }

  /** @param data the run's inputs, prepared inside the run so a data problem fails this run, not the sweep */
  public RunOutcome train(PlannedRun run, Supplier<VariantInputs> data) {
    RunConfig config = run.variant().config();
    TrainingSpec training = config.training();
    TelemetryRecords records = new TelemetryRecords(run);
    int epoch = 0;
    EpochTelemetry last = null;
    try {
      VariantInputs inputs = data.get();
      records.describe(inputs);
      MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.configuration(config, inputs.numFeatures(),
          inputs.numClasses(), run.seed(), training.resample() == dev.unstuck.spec.Resampling.CLASS_WEIGHTS
              ? inputs.classWeights() : null));
      net.init();
      SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(spark, net,
          trainingMaster(training, run.seed(), inputs.trainExamples()));
      EpochProbe probe = new EpochProbe(inputs.train(), inputs.validation(), inputs.probe(), inputs.numClasses());
      EarlyStopping earlyStopping = new EarlyStopping(training.earlyStopping());
      for (epoch = 1; epoch <= training.epochs(); epoch++) {
        double rate = training.lrSchedule().rateAt(training.learningRate(), epoch, training.epochs());
        if (rate != training.learningRate()) {
          sparkNet.getNetwork().setLearningRate(rate);
        }
        Map<Integer, INDArray> before = EpochProbe.snapshotWeights(sparkNet.getNetwork());
        spark.setJobGroup(run.runId(), run.runId() + " epoch " + epoch + "/" + training.epochs(), false);
        long start = System.currentTimeMillis();
        sparkNet.fit(inputs.trainBatches());
        long wall = System.currentTimeMillis() - start;
        Measurement measurement = probe.measure(sparkNet.getNetwork(), before,
            inputs.largeSplits().map(large -> distributed(sparkNet, large)).orElse(null));
        last = records.epoch(epoch, rate, wall, measurement, RunStatus.RUNNING, null);
        sink.publish(last);
        progress.epochDone(run.runId(), epoch, training.epochs(), measurement.trainLoss(), RunStatus.RUNNING);
        if (measurement.diverged()) {
          return finish(run, records, last, RunStatus.DIVERGED, epoch,
              "loss or weights became NaN/Inf at epoch " + epoch);
        }
        if (earlyStopping.shouldStop(measurement.valBalancedAccuracy())) {
          return finish(run, records, last, RunStatus.FINISHED, epoch,
              "early stopping: no better validation metric for " + training.earlyStopping() + " epochs");
        }
      }
      return finish(run, records, last, RunStatus.FINISHED, training.epochs(), null);
    } catch (Exception | OutOfMemoryError | StackOverflowError e) {
      String message = e.getClass().getSimpleName() + ": " + e.getMessage();
      LOG.warn("{} failed at epoch {}: {}", run.runId(), epoch, message, e);
      return finish(run, records, last, RunStatus.FAILED, epoch, message);
    } finally {
      spark.clearJobGroup();
    }
  }

  /** DL4J's Spark evaluation over whole splits, for data too large to score on the driver. */
  private static EpochProbe.DistributedEvaluation distributed(SparkDl4jMultiLayer sparkNet,
      VariantInputs.LargeSplits large) {
    return new EpochProbe.DistributedEvaluation() {
      @Override
      public org.nd4j.evaluation.classification.Evaluation train() {
        return sparkNet.evaluate(large.train());
      }

      @Override
      public org.nd4j.evaluation.classification.Evaluation validation() {
        return sparkNet.evaluate(large.validation());
      }
    };
  }

  private RunOutcome finish(PlannedRun run, TelemetryRecords records, EpochTelemetry last, RunStatus status,
      int epoch, String message) {
    sink.publish(records.terminal(last, epoch, status, message));
    progress.epochDone(run.runId(), epoch, run.variant().config().training().epochs(),
        last == null ? null : last.getTrainLoss(), status);
    return new RunOutcome(run.runId(), status, last == null ? 0 : last.getEpoch(), message);
  }

  /**
   * Parameter averaging across {@code workers} partitions. Direct, because concurrent variants must not share
   * DL4J's exported temp files (they race and corrupt each other); Repartition.Never, because the minibatches are
   * already spread one partition per worker.
   */
  private ParameterAveragingTrainingMaster trainingMaster(TrainingSpec training, long seed, long trainExamples) {
    return new ParameterAveragingTrainingMaster.Builder(training.workers(), training.batchSize())
        .batchSizePerWorker(training.batchSize())
        .averagingFrequency(settings.averagingFrequency(trainExamples, training.batchSize(), training.workers()))
        .workerPrefetchNumBatches(settings.prefetchBatches())
        .rddTrainingApproach(RDDTrainingApproach.Direct)
        .repartionData(Repartition.Never)
        .storageLevel(StorageLevel.MEMORY_ONLY())
        .collectTrainingStats(false)
        .rngSeed(seed)
        .build();
  }
}
