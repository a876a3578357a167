package dev.unstuck.bench;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.data.DatasetLoader;
import dev.unstuck.data.EncodedData;
import dev.unstuck.data.StratifiedSplit;
import dev.unstuck.kafka.KafkaSettings;
import dev.unstuck.kafka.KafkaTelemetrySink;
import dev.unstuck.kafka.TelemetrySink;
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
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Trains the same model on the same data for the same epochs three ways in one JVM, one after the other: plain
 * single-process DL4J {@code MultiLayerNetwork.fit}, the sweep job with one variant, the sweep job with eight
 * variants (telemetry to a real in-process Kafka broker). Prints wall time, examples/s, the ratio to plain DL4J
 * and the peak heap. Run with {@code deploy/bench/sweep-bench.sh}.
 */
public final class SweepBenchmark {
  static final int EPOCHS = Integer.getInteger("bench.epochs", 10);

  public static void main(String[] args) throws Exception {
    SparkSession spark = LocalSpark.session();
    Path dir = Files.createTempDirectory("unstuck-bench");
    SweepSpec one = SpecParser.parse(spec(dir, "one", "[]"));
    SweepSpec eight = SpecParser.parse(spec(dir, "eight",
        "\n  - learningRate: [x2, x0.5, x0.25]\n  - l2: [1e-4, 1e-3]\n  - dropout: [0.2]\n  - init: [he]"));
    EncodedData data = DatasetLoader.load(spark, one.data());
    StratifiedSplit.Split split = StratifiedSplit.split(data.rows(), one.data().validation(), one.data().splitSeed());
    DataSet train = DataSetConversion.collect(split.train(), data.numClasses());
    train.normalize(); // the sweep standardises on the training split too
    long examples = train.numExamples();

    try (InProcessKafka kafka = InProcessKafka.start();
        FitTimeSink sink = new FitTimeSink(new KafkaTelemetrySink(KafkaSettings.of(kafka.bootstrapServers()), "bench"))) {
      warmUp(spark, one, sink);
      double plain = measure("plain DL4J MultiLayerNetwork.fit, 1 model", examples, 1, () -> plainFit(one, data, train));
      double single = measure("sweep job, 1 variant (workers=2)", examples, 1, () -> sweep(spark, one, sink, null));
      System.out.printf("    of which DL4J-on-Spark fit %.2f s (summed over runs)%n", sink.takeFitSeconds());
      double multi = measure("sweep job, 8 variants, 2 at a time", examples, 8, () -> sweep(spark, eight, sink, null));
      System.out.printf("    of which DL4J-on-Spark fit %.2f s (summed over runs)%n", sink.takeFitSeconds());
      double multi4 = measure("sweep job, 8 variants, 4 at a time", examples, 8, () -> sweep(spark, eight, sink, 4));
      System.out.printf("    of which DL4J-on-Spark fit %.2f s (summed over runs)%n", sink.takeFitSeconds());
      System.out.printf("%nper model-epoch cost relative to plain DL4J: 1 variant %.1fx, 8 variants %.1fx (2 at a time),"
          + " %.1fx (4 at a time)%n", single / plain, multi / 8 / plain, multi4 / 8 / plain);
    }
    spark.stop();
  }

  static Path spec(Path dir, String name, String fixes) {
    return SweepSpecFiles.write(dir, name + ".yaml", """
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
        """.formatted(name, SweepSpecFiles.DATA.resolve("digits.csv.gz"), EPOCHS, fixes));
  }

  static void plainFit(SweepSpec spec, EncodedData data, DataSet train) {
    MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.configuration(spec.baseline(),
        data.numFeatures(), data.numClasses(), 1, null));
    net.init();
    List<DataSet> batches = train.asList();
    ListDataSetIterator<DataSet> iterator = new ListDataSetIterator<>(batches, spec.training().batchSize());
    net.fit(iterator, EPOCHS);
  }

  static void sweep(SparkSession spark, SweepSpec spec, TelemetrySink sink, Integer concurrency) {
    SweepResult result = SweepJob.run(spark, spec, sink, concurrency, TrainingSettings.DEFAULTS);
    if (!result.allReachedFinalState()) {
      throw new IllegalStateException(result.summary());
    }
  }

  static void warmUp(SparkSession spark, SweepSpec spec, TelemetrySink sink) {
    System.out.println("warming up (JIT, native libraries, Spark) ...");
    sweep(spark, spec, sink, null);
  }

  /** Passes records on and sums the epochs' fit time, to split the sweep's wall time into fit and the rest. */
  static final class FitTimeSink implements TelemetrySink {
    private final TelemetrySink next;
    private final AtomicLong fitMs = new AtomicLong();

    FitTimeSink(TelemetrySink next) {
      this.next = next;
    }

    double takeFitSeconds() {
      return fitMs.getAndSet(0) / 1000.0;
    }

    @Override
    public void publish(EpochTelemetry record) {
      if (record.getStatus() == dev.unstuck.avro.RunStatus.RUNNING) {
        fitMs.addAndGet(record.getEpochWallTimeMs());
      }
      next.publish(record);
    }

    @Override
    public void flush() {
      next.flush();
    }

    @Override
    public void close() {
      next.close();
    }
  }

  /** Wall seconds of {@code work}, printed with throughput and the peak heap seen while it ran. */
  static double measure(String what, long examples, int models, Runnable work) {
    System.gc();
    resetPeaks();
    AtomicLong sampledPeak = new AtomicLong();
    Thread sampler = new Thread(() -> {
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
    long poolPeak = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    System.out.printf("%-40s %7.2f s  %10.0f examples/s  peak heap %5d MiB (sampled %d MiB)%n", what, seconds,
        examples * (double) EPOCHS * models / seconds, poolPeak >> 20, sampledPeak.get() >> 20);
    return seconds;
  }

  static void resetPeaks() {
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }
}
