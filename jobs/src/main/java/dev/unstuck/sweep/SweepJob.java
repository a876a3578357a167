package dev.unstuck.sweep;

import dev.unstuck.data.DataException;
import dev.unstuck.data.DatasetLoader;
import dev.unstuck.data.EncodedData;
import dev.unstuck.data.SplitCheck;
import dev.unstuck.diagnosis.Symptom;
import dev.unstuck.diagnosis.Thresholds;
import dev.unstuck.fix.ExecutionIds;
import dev.unstuck.fix.SweepExpander;
import dev.unstuck.fix.SweepPlan;
import dev.unstuck.fix.Variant;
import dev.unstuck.kafka.KafkaSettings;
import dev.unstuck.kafka.KafkaUnreachableException;
import dev.unstuck.kafka.TelemetrySink;
import dev.unstuck.kafka.TelemetrySinks;
import dev.unstuck.kafka.Topics;
import dev.unstuck.options.OptionChecks;
import dev.unstuck.spark.SparkSetup;
import dev.unstuck.spec.Parallelism;
import dev.unstuck.spec.SpecException;
import dev.unstuck.spec.SpecParser;
import dev.unstuck.spec.SweepSpec;
import dev.unstuck.spec.TrainingSpec;
import dev.unstuck.wire.RecordKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The sweep job: {@code spark-submit --class dev.unstuck.sweep.SweepJob unstuck-jobs.jar --spec
 * sweep.yaml --bootstrap-servers host:9092}. Trains the baseline and every fix concurrently - each
 * run whole in one Spark task, or data-parallel when the training split is large ({@code
 * training.parallelism}) - and publishes each epoch to Kafka. Exit codes: 0 every run reached a
 * final state, 1 some run failed, 2 bad spec or arguments, 3 Kafka unreachable, 4 bad data.
 */
@Command(
    name = "SweepJob",
    mixinStandardHelpOptions = true,
    description =
        "Train a baseline and its fixes on Spark with DL4J; publish epoch telemetry to Kafka.")
public final class SweepJob implements Callable<Integer> {
  static final int SOME_RUN_FAILED = 1;
  static final int BAD_SPEC = 2;
  static final int KAFKA_UNREACHABLE = 3;
  static final int BAD_DATA = 4;
  private static final Logger LOG = LoggerFactory.getLogger(SweepJob.class);

  @Option(names = "--spec", required = true, description = "the sweep.yaml")
  Path spec;

  @Option(names = "--bootstrap-servers", required = true, description = "Kafka bootstrap servers")
  String bootstrapServers;

  @Option(
      names = "--topic",
      defaultValue = Topics.TELEMETRY,
      description = "telemetry topic (default: ${DEFAULT-VALUE})")
  String topic;

  @Option(
      names = "--kafka-property",
      description = "extra Kafka client property, e.g. security.protocol=SASL_SSL")
  Map<String, String> kafkaProperties = new HashMap<>();

  Path kafkaPropertiesFile;

  @Option(
      names = "--kafka-properties-file",
      description =
          "Java properties file of Kafka client settings, e.g. secrets mounted from a Secret")
  void kafkaPropertiesFile(Path value) {
    kafkaPropertiesFile = OptionChecks.readableFile(command, "--kafka-properties-file", value);
  }

  Integer concurrency;

  // Option values are checked while the command line is parsed, as the launcher's are
  // (OptionChecks): when
  // spark-submit starts this job directly, a bad value is one line and exit 2 before Spark or Kafka
  // is touched.
  @Option(
      names = "--concurrency",
      description =
          "runs trained at once (default: one per core when each run is "
              + "trained whole in one task, two per core when data-parallel)")
  void concurrency(int value) {
    concurrency = OptionChecks.atLeast(command, "--concurrency", 1, value, "runs trained at once");
  }

  int averagingFrequency;

  @Option(
      names = "--averaging-frequency",
      defaultValue = "" + TrainingSettings.DEFAULT_AVERAGING_FREQUENCY,
      description =
          "data-parallel training: minibatches each worker trains between parameter averages "
              + "(default: ${DEFAULT-VALUE})")
  void averagingFrequency(int value) {
    averagingFrequency =
        OptionChecks.atLeast(
            command, "--averaging-frequency", 1, value, "minibatches between parameter averages");
  }

  int nativeThreads;

  @Option(
      names = "--native-threads",
      defaultValue = "1",
      description =
          "variant-parallel training: ND4J native "
              + "(OpenMP/BLAS) threads per task, 0 = ND4J's default (default: ${DEFAULT-VALUE}; one task per core)")
  void nativeThreads(int value) {
    nativeThreads =
        OptionChecks.atLeast(
            command, "--native-threads", 0, value, "native threads per task, 0 = ND4J's default");
  }

  Path planOut;

  @Option(
      names = "--plan-out",
      description =
          "write the runs the sweep trains to this file (one "
              + "'<variant>\\t<run id>' line each, after a '# <summary>' line); with fixes: auto they depend on the baseline")
  void planOut(Path value) {
    planOut = OptionChecks.writableFile(command, "--plan-out", value);
  }

  @Option(
      names = "--threshold",
      description =
          "with fixes: auto, a threshold for diagnosing the baseline, e.g. "
              + "deadUnitFraction=0.8 (names in Thresholds.java)")
  Map<String, String> thresholdOverrides = new HashMap<>();

  int kafkaTimeoutSeconds;

  @Option(
      names = "--kafka-timeout",
      defaultValue = "10",
      description = "seconds to wait for Kafka at start")
  void kafkaTimeoutSeconds(int value) {
    kafkaTimeoutSeconds =
        OptionChecks.atLeast(command, "--kafka-timeout", 1, value, "seconds to wait for Kafka");
  }

  String executionId;

  @Option(
      names = "--execution-id",
      paramLabel = "ID",
      description =
          "the id of this submission of the sweep, "
              + "carried by every telemetry record (default: a new one, e.g. 20261130T044512Z-3fa2c1; give one only to "
              + "know it before the job starts, never to repeat an earlier one)")
  void executionId(String value) {
    try {
      executionId = RecordKeys.checkExecutionId(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          command.commandLine(), "--execution-id: " + e.getMessage());
    }
  }

  @Spec CommandSpec command;

  /** The plan file's line naming the execution: {@code # execution <id>}. */
  public static final String PLAN_EXECUTION = "# execution ";

  /**
   * Writes the plan for a launcher or script that waits for the sweep's results; nothing when no
   * file asked.
   */
  static void writePlan(SweepPlan plan, Path file) {
    if (file == null) {
      return;
    }
    List<String> lines = new ArrayList<>();
    lines.add("# " + plan.summary());
    lines.add(PLAN_EXECUTION + plan.executionId());
    plan.runs().forEach(run -> lines.add(run.variant().id() + "\t" + run.runId()));
    try {
      Files.write(file, lines);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the plan to " + file, e);
    }
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line as spark-submit runs it: a bad option value is one line, as in the launcher.
   */
  public static CommandLine commandLine() {
    return new CommandLine(new SweepJob()).setParameterExceptionHandler(OptionChecks::oneLine);
  }

  @Override
  public Integer call() {
    SweepSpec sweep;
    try {
      sweep = SpecParser.parse(spec);
    } catch (SpecException e) {
      System.err.println(e.getMessage());
      return BAD_SPEC;
    }
    KafkaSettings kafka;
    Thresholds thresholds;
    try {
      thresholds = Thresholds.DEFAULTS.withOverrides(thresholdOverrides);
      kafka = KafkaSettings.of(bootstrapServers, kafkaProperties, kafkaPropertiesFile);
    } catch (IllegalArgumentException e) {
      System.err.println("unstuck: " + e.getMessage());
      return BAD_SPEC;
    }
    try {
      kafka.ensureReachable(Duration.ofSeconds(kafkaTimeoutSeconds), topic);
    } catch (KafkaUnreachableException e) {
      System.err.println("unstuck: " + e.getMessage());
      return KAFKA_UNREACHABLE;
    }
    String execution = executionId != null ? executionId : ExecutionIds.next();
    LOG.info(
        "sweep {} execution {} publishing to {} on {}",
        sweep.name(),
        execution,
        topic,
        kafka.redacted());
    SparkSession spark = SparkSetup.session("unstuck-sweep " + sweep.name());
    try {
      SweepResult result =
          run(
              spark,
              sweep,
              TelemetrySinks.kafka(kafka, topic),
              concurrency,
              new TrainingSettings(averagingFrequency, 0, nativeThreads),
              plan -> writePlan(plan, planOut),
              thresholds,
              execution);
      System.out.println(result.summary());
      return result.allReachedFinalState() ? 0 : SOME_RUN_FAILED;
    } catch (DataException e) {
      System.err.println("unstuck: " + e.getMessage());
      return BAD_DATA;
    }
  }

  /** The pipeline, callable from tests: load, split, expand, train everything, publish. */
  public static SweepResult run(
      SparkSession spark,
      SweepSpec sweep,
      TelemetrySinks sinks,
      Integer concurrency,
      TrainingSettings settings) {
    return run(spark, sweep, sinks, concurrency, settings, plan -> {});
  }

  /**
   * As {@link #run(SparkSession, SweepSpec, TelemetrySinks, Integer, TrainingSettings)}, telling
   * {@code planned} the runs the sweep trains. With {@code fixes: auto} the baseline trains first
   * and its symptoms choose the fixes (a healthy baseline gets none); with an explicit list
   * everything trains at once.
   */
  public static SweepResult run(
      SparkSession spark,
      SweepSpec sweep,
      TelemetrySinks sinks,
      Integer concurrency,
      TrainingSettings settings,
      Consumer<SweepPlan> planned) {
    return run(spark, sweep, sinks, concurrency, settings, planned, Thresholds.DEFAULTS);
  }

  /**
   * As above, diagnosing an auto sweep's baseline with {@code thresholds}, as a new execution of
   * the sweep.
   */
  public static SweepResult run(
      SparkSession spark,
      SweepSpec sweep,
      TelemetrySinks sinks,
      Integer concurrency,
      TrainingSettings settings,
      Consumer<SweepPlan> planned,
      Thresholds thresholds) {
    return run(
        spark, sweep, sinks, concurrency, settings, planned, thresholds, ExecutionIds.next());
  }

  /**
   * As above, as execution {@code executionId} of the sweep: every run of every round of this
   * submission carries it, so the stream job and the tables keep this submission apart from earlier
   * runs of the same sweep name.
   */
  public static SweepResult run(
      SparkSession spark,
      SweepSpec sweep,
      TelemetrySinks sinks,
      Integer concurrency,
      TrainingSettings settings,
      Consumer<SweepPlan> planned,
      Thresholds thresholds,
      String executionId) {
    long start = System.currentTimeMillis();
    EncodedData data = DatasetLoader.load(spark, sweep.data());
    long loaded = System.currentTimeMillis();
    SplitCheck.check(
        data,
        sweep.data().validation()); // an empty split is the data's fault: say so before training
    VariantData variantData =
        new VariantData(data, sweep.data().validation(), sweep.data().splitSeed());
    LOG.info(
        "data loaded in {} ms, split in {} ms",
        loaded - start,
        System.currentTimeMillis() - loaded);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Parallelism.Mode mode = TrainingModeChoice.choose(sweep.parallelism(), variantData);
    int cores = jsc.defaultParallelism();
    // variant-parallel: one whole run per core. Data-parallel: two runs per core, so that while one
    // run's epoch is
    // measured on the driver another's fit keeps the executors busy.
    int slots =
        concurrency != null
            ? concurrency
            : mode == Parallelism.Mode.VARIANT ? cores : Math.max(2, 2 * cores);
    String announcement =
        TrainingModeChoice.describe(mode, sweep, variantData, settings)
            + "; "
            + slots
            + " runs at a time";
    System.out.println("unstuck: training: " + announcement);
    LOG.info("training: {}", announcement);
    try (variantData;
        TelemetrySink driverSink = sinks.open();
        RunTrainer trainer = RunTrainer.of(mode, jsc, sinks, driverSink, settings)) {
      SweepRunner runner = new SweepRunner(jsc, trainer, driverSink);
      Planned trained =
          trainFixes(runner, sweep, executionId, variantData, slots, planned, thresholds);
      Optional<ProbeChoice.Probe> probe =
          ProbeChoice.after(trained.plan(), sweep.baseline(), trained.result(), thresholds);
      if (probe.isEmpty()) {
        return trained.result();
      }
      if (mode != Parallelism.Mode.VARIANT) {
        // the permuted copy would have to be made on the executors; the answer then says nothing of
        // the labels
        LOG.info(
            "no fix learned; the label-permutation probe is not run in data-parallel training");
        return trained.result();
      }
      System.out.println(
          "unstuck: no fix learned: training a reference network on the real and on permuted labels,"
              + " to see whether the labels carry signal");
      SweepPlan plan = trained.plan();
      planned.accept(plan.with(probe.get().variants()));
      SweepResult real =
          train(runner, plan.of(List.of(probe.get().real())), variantData::inputsFor, slots);
      SweepResult permuted =
          train(
              runner,
              plan.of(List.of(probe.get().permuted())),
              variantData::permutedLabelsFor,
              slots);
      return trained.result().plus(real).plus(permuted);
    }
  }

  /** The runs a sweep trained and the plan they were trained by. */
  private record Planned(SweepPlan plan, SweepResult result) {}

  /**
   * The baseline and its fixes: with an explicit list everything at once; with {@code fixes: auto}
   * the baseline first, its symptoms choosing the fixes (a healthy baseline gets none), then the
   * learning rate a decade further for as long as that helps without resolving, then, when fixes of
   * two families resolved something, the best of each together (a last round).
   */
  private static Planned trainFixes(
      SweepRunner runner,
      SweepSpec sweep,
      String executionId,
      VariantData data,
      int slots,
      Consumer<SweepPlan> planned,
      Thresholds thresholds) {
    if (!sweep.fixes().auto()) {
      SweepPlan plan = SweepExpander.expand(sweep).inExecution(executionId);
      planned.accept(plan);
      return new Planned(plan, train(runner, plan, data::inputsFor, slots));
    }
    SweepPlan baselineOnly =
        new SweepPlan(
            sweep.name(),
            executionId,
            List.of(Variant.baseline(sweep.baseline())),
            sweep.training().seeds());
    SweepResult baseline = train(runner, baselineOnly, data::inputsFor, slots);
    Set<Symptom> symptoms = BaselineSymptoms.of(baseline.telemetry(), thresholds);
    SweepPlan plan =
        symptoms.isEmpty()
            ? baselineOnly
            : SweepExpander.expand(sweep, symptoms).inExecution(executionId);
    LOG.info(
        "fixes: auto - the baseline shows {}: {}",
        symptoms.isEmpty() ? "no symptom" : symptoms,
        symptoms.isEmpty() ? "nothing to fix" : plan.summary());
    planned.accept(plan);
    List<Variant> fixes = plan.variants().stream().filter(v -> !v.isBaseline()).toList();
    if (fixes.isEmpty()) {
      return new Planned(plan, baseline);
    }
    SweepResult firstRound = baseline.plus(train(runner, plan.of(fixes), data::inputsFor, slots));
    for (Optional<Variant> step =
            SecondRound.furtherLearningRate(plan, sweep.baseline(), firstRound, thresholds);
        step.isPresent();
        step = SecondRound.furtherLearningRate(plan, sweep.baseline(), firstRound, thresholds)) {
      System.out.println(
          "unstuck: fixes: auto, next round: "
              + step.get().id()
              + " (the learning rate helped "
              + "without resolving anything: a decade further)");
      plan = plan.with(List.of(step.get()));
      planned.accept(plan);
      firstRound =
          firstRound.plus(train(runner, plan.of(List.of(step.get())), data::inputsFor, slots));
    }
    Optional<Variant> combination =
        SecondRound.combination(plan, sweep.baseline(), firstRound, thresholds);
    if (combination.isEmpty()) {
      return new Planned(plan, firstRound);
    }
    System.out.println(
        "unstuck: fixes: auto, second round: "
            + combination.get().id()
            + " (the best resolving fixes"
            + " of two families, together)");
    SweepPlan both = plan.with(List.of(combination.get()));
    planned.accept(both);
    return new Planned(
        both,
        firstRound.plus(
            train(runner, plan.of(List.of(combination.get())), data::inputsFor, slots)));
  }

  private static SweepResult train(
      SweepRunner runner, SweepPlan plan, Function<TrainingSpec, VariantInputs> data, int slots) {
    LOG.info("{}; {} runs at a time", plan.summary(), slots);
    int totalEpochs =
        plan.runs().stream().mapToInt(r -> r.variant().config().training().epochs()).sum();
    try (ProgressDisplay progress =
        new ProgressDisplay(totalEpochs, System.out, System.console() != null)) {
      return runner.run(plan, data, slots, progress);
    }
  }
}
