package dev.unstuck.sweep;

import dev.unstuck.diagnosis.RunStatus;
import dev.unstuck.fix.PlannedRun;
import dev.unstuck.fix.SweepPlan;
import dev.unstuck.kafka.TelemetrySink;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import dev.unstuck.spec.TrainingSpec;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Trains every run of a sweep concurrently from a bounded pool of driver threads. Each variant gets its own
 * FAIR scheduler pool, so one variant's jobs cannot starve the others'.
 */
public final class SweepRunner {
  private final JavaSparkContext spark;
  private final TelemetrySink sink;
  private final RunProgress progress;
  private final TrainingSettings settings;

  public SweepRunner(JavaSparkContext spark, TelemetrySink sink, RunProgress progress, TrainingSettings settings) {
    this.spark = spark;
    this.sink = sink;
    this.progress = progress;
    this.settings = settings;
  }

  /** @param data each variant's inputs by its training settings ({@link VariantData#inputsFor} in production) */
  public SweepResult run(SweepPlan plan, Function<TrainingSpec, VariantInputs> data, int concurrency) {
    long start = System.currentTimeMillis();
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency, task -> {
      Thread thread = new Thread(task, "unstuck-variant-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    VariantTrainer trainer = new VariantTrainer(spark, sink, progress, settings);
    List<Future<RunOutcome>> futures = new ArrayList<>();
    try {
      for (PlannedRun run : plan.runs()) {
        futures.add(pool.submit(() -> {
          spark.setLocalProperty("spark.scheduler.pool", run.variant().id());
          return trainer.train(run, () -> data.apply(run.variant().config().training()));
        }));
      }
      List<RunOutcome> outcomes = new ArrayList<>();
      for (int i = 0; i < futures.size(); i++) {
        outcomes.add(await(futures.get(i), plan.runs().get(i)));
      }
      sink.flush();
      return new SweepResult(plan.sweepId(), outcomes, System.currentTimeMillis() - start);
    } finally {
      pool.shutdownNow();
    }
  }

  private static RunOutcome await(Future<RunOutcome> future, PlannedRun run) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      return new RunOutcome(run.runId(), RunStatus.FAILED, 0, String.valueOf(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new RunOutcome(run.runId(), RunStatus.FAILED, 0, "interrupted");
    }
  }
}
