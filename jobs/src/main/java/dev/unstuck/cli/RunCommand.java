package dev.unstuck.cli;

import dev.unstuck.fix.ExecutionIds;
import dev.unstuck.fix.SweepExpander;
import dev.unstuck.fix.SweepPlan;
import dev.unstuck.kafka.KafkaSettings;
import dev.unstuck.kafka.KafkaUnreachableException;
import dev.unstuck.kafka.Topics;
import dev.unstuck.local.LauncherLogging;
import dev.unstuck.local.LocalKafka;
import dev.unstuck.local.LocalPostgres;
import dev.unstuck.local.LocalServiceException;
import dev.unstuck.local.LocalStack;
import dev.unstuck.local.TerminalStreams;
import dev.unstuck.options.OptionChecks;
import dev.unstuck.report.FixTable;
import dev.unstuck.report.FixedSpecFile;
import dev.unstuck.report.ReportWriter;
import dev.unstuck.report.ResultsDatabase;
import dev.unstuck.report.SweepTables;
import dev.unstuck.spec.SpecException;
import dev.unstuck.spec.SpecParser;
import dev.unstuck.spec.SweepSpec;
import dev.unstuck.stream.DbCredentials;
import dev.unstuck.stream.DiagnosisStreamJob;
import dev.unstuck.stream.PostgresStore;
import dev.unstuck.stream.RunningDiagnosis;
import dev.unstuck.sweep.SparkSetup;
import dev.unstuck.sweep.SweepJob;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code unstuck run SPEC}: the whole product on one machine. Starts what is missing (a KRaft Kafka broker,
 * PostgreSQL), runs the diagnosis stream job and the sweep job on one local Spark session with the flags
 * spark-submit would pass them, waits for every final diagnosis and verdict, prints the fix table, writes the
 * results folder, and stops everything it started.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run a sweep on this machine and show which fixes resolved the baseline's symptoms.",
        "Starts a Kafka broker and PostgreSQL unless --bootstrap-servers / --jdbc-url name existing ones."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:every run diagnosed and every fix judged", "1:a run failed, or the diagnosis did not finish",
        "2:bad spec or arguments", "3:Kafka unreachable or a local service could not start", "4:bad data"})
final class RunCommand implements Callable<Integer> {
  static final int INCOMPLETE = 1;
  static final int BAD_SPEC = 2;
  static final int SERVICES = 3;
  static final int INTERRUPTED = 130;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunCommand.class);

  @Parameters(index = "0", paramLabel = "SPEC", description = "the sweep.yaml")
  Path spec;

  Path out;

  @Option(names = "--out", paramLabel = "DIR", description = "results folder (default: runs/<sweep>/)")
  void out(Path value) {
    out = OptionChecks.folder(command, "--out", value);
  }

  @Option(names = "--bootstrap-servers", description = "use this Kafka instead of starting one")
  String bootstrapServers;

  String jdbcUrl;

  @Option(names = "--jdbc-url", description = "use this PostgreSQL instead of starting one; login from "
      + DbCredentials.USER_ENV + "/" + DbCredentials.PASSWORD_ENV + " or --db-credentials-file")
  void jdbcUrl(String value) {
    jdbcUrl = OptionChecks.jdbcPostgres(command, "--jdbc-url", value);
  }

  Path dbCredentialsFile;

  @Option(names = "--db-credentials-file", paramLabel = "FILE",
      description = "database login for --jdbc-url (user=/password= lines)")
  void dbCredentialsFile(Path value) {
    dbCredentialsFile = OptionChecks.readableFile(command, "--db-credentials-file", value);
  }

  @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
      description = "extra Kafka client property for --bootstrap-servers, e.g. security.protocol=SASL_SSL")
  Map<String, String> kafkaProperties = new HashMap<>();

  Integer concurrency;

  @Option(names = "--concurrency", description = "runs trained at once (default: the sweep job's)")
  void concurrency(int value) {
    concurrency = OptionChecks.atLeast(command, "--concurrency", 1, value, "runs trained at once");
  }

  int waitSeconds;

  @Option(names = "--wait", defaultValue = "300", paramLabel = "SECONDS",
      description = "how long to wait for the last diagnoses once training ended (default: ${DEFAULT-VALUE})")
  void waitSeconds(int value) {
    waitSeconds = OptionChecks.atLeast(command, "--wait", 0, value, "seconds to wait for the last diagnoses");
  }

  @Spec CommandSpec command;

  /** What this command started; once it is stopping from Ctrl-C, failures are no news to the terminal. */
  private LocalStack stack;

  private PrintWriter out() {
    return command.commandLine().getOut();
  }

  private PrintWriter err() {
    return command.commandLine().getErr();
  }

  private void say(String line) {
    out().println("unstuck: " + line);
    out().flush();
  }

  private int fail(int code, String line) {
    if (stack != null && stack.shuttingDown()) {
      // Ctrl-C: what broke was stopped under the command (a database, a broker); the terminal already has its line
      LOG.info("after the command was stopped: {}", line);
      return INTERRUPTED;
    }
    err().println("unstuck: " + line);
    err().flush();
    return code;
  }

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    SweepSpec sweep;
    try {
      sweep = SpecParser.parse(spec);
    } catch (SpecException e) {
      err().println(e.getMessage());
      err().flush();
      return BAD_SPEC;
    }
    SweepPlan plan = SweepExpander.expand(sweep);
    Path results = out != null ? out : Path.of("runs", sweep.name());
    try {
      Files.createDirectories(results);
    } catch (IOException e) {
      return fail(BAD_SPEC, "cannot create the results folder " + results + ": " + e.getMessage());
    }
    LauncherLogging.configure(results.resolve("unstuck.log"));
    say(sweep.fixes().auto()
        ? sweep.name() + ": fixes: auto - the baseline (" + sweep.training().seeds() + " seeds) trains first, and its "
            + "symptoms choose the fixes"
        : plan.summary());

    Path work = Files.createTempDirectory("unstuck-run-");
    out(); // picocli makes its writers on first use: made now, on the terminal's streams, they stay on the terminal
    err(); // after Ctrl-C, when what is printed on System.out/err goes to the log
    try (TerminalStreams terminal = TerminalStreams.install();
        LocalStack stack = new LocalStack(terminal.terminalErr())) {
      this.stack = stack;
      stack.onShutdown(() -> { // Ctrl-C: what the stopped jobs still log or print goes to the log file only
        LauncherLogging.muteConsole();
        terminal.toLog();
      });
      stack.add("temporary files", () -> deleteTree(work));
      return run(stack, sweep, plan, results, work, started);
    } catch (LocalServiceException e) {
      LOG.info("a local service did not start", e); // the stack trace to the log file only
      return fail(SERVICES, e.getMessage());
    } catch (RuntimeException | SQLException e) {
      LOG.info("unstuck run failed", e); // the stack trace to the log file only
      return fail(INCOMPLETE, rootMessage(e) + " (the details are in " + results.resolve("unstuck.log") + ")");
    }
  }

  private int run(LocalStack stack, SweepSpec sweep, SweepPlan plan, Path results, Path work, long started)
      throws Exception {
    boolean localKafka = bootstrapServers == null;
    String kafka = bootstrapServers;
    if (localKafka) {
      LocalKafka broker = stack.add("the Kafka broker", LocalKafka.start(work.resolve("kafka")));
      kafka = broker.bootstrapServers();
    }
    KafkaSettings kafkaSettings = new KafkaSettings(kafka, kafkaProperties);
    try {
      kafkaSettings.ensureReachable(Duration.ofSeconds(15), Topics.TELEMETRY, Topics.DIAGNOSIS,
          Topics.TELEMETRY_DEAD_LETTER);
    } catch (KafkaUnreachableException e) {
      return fail(SERVICES, e.getMessage());
    }
    String jdbc = jdbcUrl;
    Path credentials = dbCredentialsFile;
    if (jdbc == null) {
      LocalPostgres postgres = stack.add("PostgreSQL", LocalPostgres.start(work.resolve("postgres")));
      jdbc = postgres.jdbcUrl();
      credentials = work.resolve("db.credentials");
      Files.writeString(credentials, "user=" + postgres.user() + "\n");
    }
    say((localKafka ? "Kafka (KRaft) started on " : "Kafka: ") + kafka + "; "
        + (jdbcUrl == null ? "PostgreSQL started at " : "PostgreSQL: ") + PostgresStore.redact(jdbc)
        + started(localKafka, jdbcUrl == null));

    // A fresh broker holds nothing older; on a shared one, diagnose only what this run produces.
    String startingOffsets = localKafka ? "earliest" : endOffsetsJson(kafkaSettings, Topics.TELEMETRY);

    boolean sparkRunning = SparkSession.getDefaultSession().isDefined();
    SparkSession spark = SparkSetup.session("unstuck " + sweep.name());
    if (!sparkRunning) {
      stack.add("Spark", spark::stop); // a session someone else started (a test's) is theirs to stop
    }
    say("Spark " + spark.sparkContext().master() + (spark.sparkContext().uiWebUrl().isDefined()
        ? ", UI at " + spark.sparkContext().uiWebUrl().get() : ""));

    List<String> streamArgs = new ArrayList<>(List.of(DiagnosisStreamJob.BOOTSTRAP_SERVERS, kafka,
        DiagnosisStreamJob.JDBC_URL, jdbc, DiagnosisStreamJob.CHECKPOINT, work.resolve("checkpoint").toString(),
        DiagnosisStreamJob.STARTING_OFFSETS, startingOffsets, DiagnosisStreamJob.TRIGGER, "1 second"));
    if (credentials != null) {
      streamArgs.addAll(List.of(DiagnosisStreamJob.DB_CREDENTIALS_FILE, credentials.toString()));
    }
    kafkaProperties.forEach((k, v) -> streamArgs.addAll(List.of(DiagnosisStreamJob.KAFKA_PROPERTY, k + "=" + v)));
    RunningDiagnosis diagnosis;
    try {
      diagnosis = DiagnosisStreamJob.fromArgs(streamArgs.toArray(String[]::new)).start(spark);
    } catch (CommandLine.ParameterException e) {
      return fail(BAD_SPEC, e.getMessage());
    } catch (RuntimeException e) {
      LOG.info("the diagnosis stream job did not start", e);
      boolean database = Throwables.has(e, SQLException.class) || rootMessage(e).contains("Connection refused");
      return fail(SERVICES, "the diagnosis stream job did not start: "
          + (database ? "PostgreSQL at " + PostgresStore.redact(jdbc) + ": " : "") + rootMessage(e));
    }
    stack.add("the diagnosis stream job", diagnosis::stop);
    say("diagnosis stream job running; to follow it from another terminal: bin/unstuck watch --bootstrap-servers "
        + kafka + " --from-beginning");

    Path planFile = work.resolve("plan.tsv");
    // this submission's own id: the answer read back is this execution's, never an earlier run of the sweep name's
    String executionId = ExecutionIds.next();
    LOG.info("sweep {}: execution {}", sweep.name(), executionId);
    List<String> sweepArgs = new ArrayList<>(List.of("--spec", spec.toString(), "--bootstrap-servers", kafka,
        "--plan-out", planFile.toString(), "--execution-id", executionId));
    kafkaProperties.forEach((k, v) -> sweepArgs.addAll(List.of("--kafka-property", k + "=" + v)));
    if (concurrency != null) {
      sweepArgs.addAll(List.of("--concurrency", concurrency.toString()));
    }
    long trainingStarted = System.nanoTime();
    Path logFile = results.resolve("unstuck.log");
    AtomicReference<Exception> crashed = new AtomicReference<>();
    int sweepExit = new CommandLine(new SweepJob())
        .setExecutionExceptionHandler((e, commandLine, parsed) -> {
          if (stack.shuttingDown()) {
            return INTERRUPTED; // Spark stopped under it on Ctrl-C: no news
          }
          LOG.info("the sweep job failed", e); // the stack trace to the log file only
          crashed.set(e);
          return SweepFailure.exitCode(e);
        })
        .execute(sweepArgs.toArray(String[]::new));
    if (stack.shuttingDown()) {
      return INTERRUPTED; // Ctrl-C: the shutdown hook is stopping everything
    }
    if (crashed.get() != null) {
      // it published nothing more: no run is coming, so there is nothing to wait for
      return fail(sweepExit, SweepFailure.line(crashed.get(), logFile.toString()));
    }
    if (sweepExit >= 2) {
      return sweepExit; // the sweep job said why, in one line
    }
    if (PlannedRuns.read(planFile).isEmpty()) {
      return fail(INCOMPLETE, "the sweep job ended (exit " + sweepExit + ") before it planned any run: nothing to "
          + "diagnose (the details are in " + logFile + ")");
    }
    say(String.format("training done in %s%s; waiting for the last diagnoses ...", seconds(trainingStarted),
        sweepExit == 0 ? "" : " (some runs failed)"));

    // With fixes: auto the sweep chose its fixes from the baseline's symptoms: wait for the runs it wrote down.
    PlannedRuns planned = PlannedRuns.read(planFile).orElseThrow();
    ResultsDatabase database = new ResultsDatabase(jdbc, login(credentials));
    ResultsDatabase.Progress progress = awaitDiagnoses(diagnosis, database, plan.sweepId(), executionId, planned);
    if (diagnosis.failure().isPresent()) {
      return fail(INCOMPLETE, "the diagnosis stream job failed: " + rootMessage(diagnosis.failure().get()));
    }
    SweepTables sweepResults = database.read(sweep.name(), executionId);
    out().println();
    out().print(FixTable.render(sweepResults));
    out().println();
    Path report = ReportWriter.write(sweepResults, planned.summary(), results);
    say("report: " + report + "  (also " + ReportWriter.FIX_OUTCOME_CSV + ", " + ReportWriter.RUN_DIAGNOSIS_CSV
        + ", unstuck.log in " + results + ")");
    FixedSpecFile.write(sweep, sweepResults, results).ifPresent(fixed -> say("the baseline with the best fix "
        + "applied, ready to run: " + fixed));
    if (!progress.done()) {
      return fail(INCOMPLETE, "the diagnosis did not finish within " + waitSeconds + " s (" + progress.line()
          + "); the table shows what was known");
    }
    say("done in " + seconds(started) + "; stopping what was started ...");
    return sweepExit == 0 ? 0 : INCOMPLETE;
  }

  /** Until the stream caught up with all telemetry and every run and fix has its final row, or the wait ends. */
  private ResultsDatabase.Progress awaitDiagnoses(RunningDiagnosis diagnosis, ResultsDatabase database,
      String sweepId, String executionId, PlannedRuns planned) throws InterruptedException, SQLException {
    List<String> runIds = planned.runIds();
    List<String> fixIds = planned.fixIds();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds);
    boolean caughtUp = false;
    long lastSaid = 0;
    ResultsDatabase.Progress progress = database.progress(sweepId, executionId, runIds, fixIds);
    while (System.nanoTime() < deadline && diagnosis.failure().isEmpty()) {
      if (!caughtUp) {
        try {
          caughtUp = diagnosis.processAvailable(Duration.ofSeconds(2));
        } catch (IllegalStateException failed) {
          break;
        }
      } else {
        Thread.sleep(500);
      }
      progress = database.progress(sweepId, executionId, runIds, fixIds);
      // only this execution's rows count (a shared database keeps earlier runs of the sweep name), and a final row
      // does not change: once every one is in, the answer is complete
      if (progress.done()) {
        break;
      }
      if (System.nanoTime() - lastSaid > TimeUnit.SECONDS.toNanos(10)) {
        say(progress.line() + " ...");
        lastSaid = System.nanoTime();
      }
    }
    say(progress.line());
    return progress;
  }

  /** Spark's JSON for the topic's current end: where a fresh checkpoint on a shared broker starts. */
  static String endOffsetsJson(KafkaSettings kafka, String topic) {
    try (Admin admin = Admin.create(kafka.clientConfig())) {
      var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
          .get(topic).partitions();
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      partitions.forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
      StringBuilder json = new StringBuilder("{\"").append(topic).append("\":{");
      List<String> entries = new ArrayList<>();
      admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).entrySet().stream()
          .sorted(Comparator.comparingInt(e -> e.getKey().partition()))
          .forEach(e -> entries.add("\"" + e.getKey().partition() + "\":" + e.getValue().offset()));
      return json.append(String.join(",", entries)).append("}}").toString();
    } catch (Exception e) {
      throw new KafkaUnreachableException("cannot read the end offsets of " + topic + " on "
          + kafka.redacted() + ": " + rootMessage(e), e);
    }
  }

  private static Properties login(Path credentials) throws IOException {
    if (credentials != null) {
      return DbCredentials.fromFile(credentials).jdbcProperties();
    }
    return DbCredentials.fromEnvironment(System.getenv()).orElse(DbCredentials.NONE).jdbcProperties();
  }

  /** What this command started and will stop, and only that: an external service is not ours to stop. */
  static String started(boolean kafka, boolean postgres) {
    if (kafka && postgres) {
      return " (both stopped again when this ends)";
    }
    return kafka ? " (Kafka stopped again when this ends)" : postgres ? " (PostgreSQL stopped again when this ends)" : "";
  }

  private static String seconds(long since) {
    long s = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since);
    return s < 120 ? s + " s" : (s / 60) + " min " + (s % 60) + " s";
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.toString() : root.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + dir, e);
    }
  }
}
