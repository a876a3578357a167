package dev.unstuck.bench;

import dev.unstuck.data.DatasetLoader;
import dev.unstuck.data.EncodedData;
import dev.unstuck.data.StratifiedSplit;
import dev.unstuck.kafka.KafkaSettings;
import dev.unstuck.kafka.TelemetrySinks;
import dev.unstuck.spec.SpecParser;
import dev.unstuck.spec.SweepSpec;
import dev.unstuck.sweep.DataSetConversion;
import dev.unstuck.sweep.NetworkFactory;
import dev.unstuck.sweep.SweepJob;
import dev.unstuck.sweep.SweepResult;
import dev.unstuck.sweep.TrainingSettings;
import dev.unstuck.testing.InProcessKafka;
import dev.unstuck.testing.LocalSpark;
import dev.unstuck.testing.SweepSpecFiles;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The sweep job against plain single-process DL4J, side by side in one JVM: one run of plain {@code
 * MultiLayerNetwork.fit} (the model a user trains, minibatches reshuffled every epoch), the sweep
 * job with that one variant, and the sweep job with eight variants, telemetry to a real in-process
 * Kafka broker. Each is measured {@code bench.reps} times, interleaved, and the medians compared:
 * the sweep against the ideal of plain DL4J time x 8 / cores, one variant against plain DL4J. Run
 * with {@code deploy/bench/sweep-bench.sh}.
 */
public final class SweepBenchmark {
  static final int EPOCHS = Integer.getInteger("bench.epochs", 10);
  static final int REPS = Integer.getInteger("bench.reps", 3);

  public static void main(String[] args) throws Exception {
    SparkSession spark = LocalSpark.session();
    int cores = spark.sparkContext().defaultParallelism();
    Path dir = Files.createTempDirectory("unstuck-bench");
    SweepSpec one = SpecParser.parse(spec(dir, "one", "[]"));
    SweepSpec eight =
        SpecParser.parse(
            spec(
                dir,
                "eight",
                "\n  - learningRate: [x2, x0.5, x0.25]\n  - l2: [1e-4, 1e-3]\n  - dropout: [0.2]\n  - init: [he]"));
    EncodedData data = DatasetLoader.load(spark, one.data());
    StratifiedSplit.Split split =
        StratifiedSplit.split(data.rows(), one.data().validation(), one.data().splitSeed());
    DataSet train = DataSetConversion.collect(split.train(), data.numClasses());
    train.normalize(); // the sweep standardises on the training split too
    long examples = train.numExamples();

    try (InProcessKafka kafka = InProcessKafka.start()) {
      TelemetrySinks sinks =
          TelemetrySinks.kafka(KafkaSettings.of(kafka.bootstrapServers()), "bench");
      System.out.println("warming up (JIT, native libraries, Spark) ...");
      sweep(spark, one, sinks);
      plainFit(one, data, train);
      List<Double> plain = new ArrayList<>();
      List<Double> single = new ArrayList<>();
      List<Double> multi = new ArrayList<>();
      for (int rep = 1; rep <= REPS; rep++) {
        System.out.printf("%nrepetition %d of %d%n", rep, REPS);
        plain.add(
            measure(
                "plain DL4J MultiLayerNetwork.fit, 1 model",
                examples,
                1,
                () -> plainFit(one, data, train)));
        single.add(measure("sweep job, 1 variant", examples, 1, () -> sweep(spark, one, sinks)));
        multi.add(measure("sweep job, 8 variants", examples, 8, () -> sweep(spark, eight, sinks)));
      }
      double plainSeconds = median(plain);
      double ideal = plainSeconds * 8 / cores;
      System.out.printf(
          "%nmedians over %d repetitions, %d cores: plain DL4J %.2f s, sweep 1 variant %.2f s, "
              + "sweep 8 variants %.2f s; ideal for 8 = plain x 8 / %d = %.2f s%n",
          REPS, cores, plainSeconds, median(single), median(multi), cores, ideal);
      System.out.printf("sweep/ideal: %.2f%n", median(multi) / ideal);
      System.out.printf("one-variant/plain: %.2f%n", median(single) / plainSeconds);
    }
    spark.stop();
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  static Path spec(Path dir, String name, String fixes) {
    return SweepSpecFiles.write(
        dir,
        name + ".yaml",
        """
        name: bench-%s
        data:
          path: %s
          header: false
          label: last
        model:
          hidden: [64]
          activation: relu
        training:
          optimizer: sgd
          learningRate: 0.1
          batchSize: 32
          epochs: %d
          normalizeInputs: standard
          seeds: 1
          workers: 2
        fixes: %s
        """
            .formatted(name, SweepSpecFiles.DATA.resolve("digits.csv.gz"), EPOCHS, fixes));
  }

  /**
   * What a user would write: fit over minibatches of the training split, reshuffled every epoch.
   */
  static void plainFit(SweepSpec spec, EncodedData data, DataSet train) {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            NetworkFactory.configuration(
                spec.baseline(), data.numFeatures(), data.numClasses(), 1, null));
    net.init();
    List<DataSet> examples = train.asList();
    Random random = new Random(1);
    for (int epoch = 0; epoch < EPOCHS; epoch++) {
      Collections.shuffle(examples, random);
      net.fit(new ListDataSetIterator<>(examples, spec.training().batchSize()));
    }
  }

  static void sweep(SparkSession spark, SweepSpec spec, TelemetrySinks sinks) {
    SweepResult result = SweepJob.run(spark, spec, sinks, null, TrainingSettings.DEFAULTS);
    if (!result.allReachedFinalState()) {
      throw new IllegalStateException(result.summary());
    }
  }

  /** Wall seconds of {@code work}, printed with throughput and the peak heap seen while it ran. */
  static double measure(String what, long examples, int models, Runnable work) {
    System.gc();
    resetPeaks();
    AtomicLong sampledPeak = new AtomicLong();
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                Runtime rt = Runtime.getRuntime();
                sampledPeak.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                try {
                  Thread.sleep(50);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    sampler.setDaemon(true);
    sampler.start();
    long start = System.nanoTime();
    work.run();
    double seconds = (System.nanoTime() - start) / 1e9;
    sampler.interrupt();
    long poolPeak =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .mapToLong(p -> p.getPeakUsage().getUsed())
            .sum();
    System.out.printf(
        "%-40s %7.2f s  %10.0f examples/s  peak heap %5d MiB (sampled %d MiB)%n",
        what,
        seconds,
        examples * (double) EPOCHS * models / seconds,
        poolPeak >> 20,
        sampledPeak.get() >> 20);
    return seconds;
  }

  static void resetPeaks() {
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }
}
