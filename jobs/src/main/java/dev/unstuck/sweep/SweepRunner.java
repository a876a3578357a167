package dev.unstuck.sweep;

import dev.unstuck.data.DataException;
import dev.unstuck.diagnosis.TrainingStatus;
import dev.unstuck.fix.PlannedRun;
import dev.unstuck.fix.SweepPlan;
import dev.unstuck.kafka.TelemetrySink;
import dev.unstuck.spec.ModelSpec;
import dev.unstuck.spec.TrainingSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Trains every run of a sweep concurrently from a bounded pool of driver threads, each run by the
 * sweep's {@link RunTrainer}. Each variant gets its own FAIR scheduler pool, so one variant's jobs
 * cannot starve the others'.
 */
public final class SweepRunner {
  private final JavaSparkContext spark;
  private final RunTrainer trainer;
  private final TelemetrySink driverSink;

  /**
   * @param driverSink what the trainer publishes from the driver, flushed before the result is
   *     returned
   */
  SweepRunner(JavaSparkContext spark, RunTrainer trainer, TelemetrySink driverSink) {
    this.spark = spark;
    this.trainer = trainer;
    this.driverSink = driverSink;
  }

  /**
   * @param data each variant's inputs by its training settings ({@link VariantData#inputsFor} in
   *     production)
   */
  public SweepResult run(
      SweepPlan plan,
      Function<TrainingSpec, VariantInputs> data,
      int concurrency,
      RunProgress progress) {
    checkImportedModels(plan, data);
    long start = System.currentTimeMillis();
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            concurrency,
            task -> {
              Thread thread = new Thread(task, "unstuck-run-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    List<Future<TrainedRun>> futures = new ArrayList<>();
    try {
      for (PlannedRun run : plan.runs()) {
        futures.add(
            pool.submit(
                () -> {
                  spark.setLocalProperty("spark.scheduler.pool", run.variant().id());
                  return trainer.train(
                      run, () -> data.apply(run.variant().config().training()), progress);
                }));
      }
      List<TrainedRun> runs = new ArrayList<>();
      for (int i = 0; i < futures.size(); i++) {
        runs.add(await(futures.get(i), plan.runs().get(i)));
      }
      driverSink.flush();
      return new SweepResult(
          plan.sweepId(),
          runs.stream().map(TrainedRun::outcome).toList(),
          System.currentTimeMillis() - start,
          runs.stream().flatMap(r -> r.telemetry().stream()).toList());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A network the user brought must fit the data (its input size the feature columns, its outputs
   * the classes): said once, naming the layer and the numbers, before anything trains, rather than
   * as a failed run per variant. The variants' inputs are prepared once either way, so asking for
   * the first run's costs nothing extra.
   */
  private static void checkImportedModels(
      SweepPlan plan, Function<TrainingSpec, VariantInputs> data) {
    // fixes change settings, not the layers: one check per file and image shape
    Collection<ModelSpec> imported =
        plan.runs().stream()
            .map(run -> run.variant().config().model())
            .filter(ModelSpec::isImported)
            .collect(
                Collectors.toMap(
                    model -> List.of(model.importedModel().orElseThrow(), model.inputShape()),
                    model -> model,
                    (first, same) -> first,
                    LinkedHashMap::new))
            .values();
    if (imported.isEmpty()) {
      return;
    }
    VariantInputs inputs = data.apply(plan.runs().get(0).variant().config().training());
    for (ModelSpec model : imported) {
      ImportedNetwork.problem(model, inputs.numFeatures(), inputs.numClasses())
          .ifPresent(
              problem -> {
                throw new DataException(problem);
              });
    }
  }

  private static TrainedRun await(Future<TrainedRun> future, PlannedRun run) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      return new TrainedRun(
          new RunOutcome(run.runId(), TrainingStatus.FAILED, 0, String.valueOf(e.getCause())),
          List.of());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new TrainedRun(
          new RunOutcome(run.runId(), TrainingStatus.FAILED, 0, "interrupted"), List.of());
    }
  }
}
