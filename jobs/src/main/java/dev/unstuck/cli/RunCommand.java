package dev.unstuck.cli;

import dev.unstuck.db.DbCredentials;
import dev.unstuck.db.PostgresStore;
import dev.unstuck.db.ResultsDatabase;
import dev.unstuck.fix.ExecutionIds;
import dev.unstuck.fix.SweepExpander;
import dev.unstuck.fix.SweepPlan;
import dev.unstuck.kafka.EndOffsets;
import dev.unstuck.kafka.KafkaUnreachableException;
import dev.unstuck.kafka.Topics;
import dev.unstuck.local.LauncherLogging;
import dev.unstuck.local.LocalServiceException;
import dev.unstuck.local.LocalStack;
import dev.unstuck.local.TerminalStreams;
import dev.unstuck.options.OptionChecks;
import dev.unstuck.report.FixTable;
import dev.unstuck.report.FixedSpecFile;
import dev.unstuck.report.ReportWriter;
import dev.unstuck.report.SweepTables;
import dev.unstuck.spark.SparkSetup;
import dev.unstuck.spec.SpecException;
import dev.unstuck.spec.SpecParser;
import dev.unstuck.spec.SweepSpec;
import dev.unstuck.stream.DiagnosisStreamJob;
import dev.unstuck.stream.RunningDiagnosis;
import dev.unstuck.sweep.SweepJob;
import dev.unstuck.text.Throwables;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code unstuck run SPEC}: the whole product on one machine. Starts what is missing (a KRaft Kafka
 * broker, PostgreSQL), runs the diagnosis stream job and the sweep job on one local Spark session
 * with the flags spark-submit would pass them, waits for every final diagnosis and verdict, prints
 * the fix table, writes the results folder, and stops everything it started.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run a sweep on this machine and show which fixes resolved the baseline's symptoms.",
      "Starts a Kafka broker and PostgreSQL unless --bootstrap-servers / --jdbc-url name existing ones."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:every run diagnosed and every fix judged",
      "1:a run failed, or the diagnosis did not finish",
      "2:bad spec or arguments",
      "3:Kafka unreachable or a local service could not start",
      "4:bad data"
    })
final class RunCommand implements Callable<Integer> {
  static final int INCOMPLETE = 1;
  static final int BAD_SPEC = 2;
  static final int SERVICES = 3;
  static final int INTERRUPTED = 130;
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @Parameters(index = "0", paramLabel = "SPEC", description = "the sweep.yaml")
  Path spec;

  Path out;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "results folder (default: runs/<sweep>/)")
  void out(Path value) {
    out = OptionChecks.folder(command, "--out", value);
  }

  @Option(names = "--bootstrap-servers", description = "use this Kafka instead of starting one")
  String bootstrapServers;

  String jdbcUrl;

  @Option(
      names = "--jdbc-url",
      description =
          "use this PostgreSQL instead of starting one; login from "
              + DbCredentials.USER_ENV
              + "/"
              + DbCredentials.PASSWORD_ENV
              + " or --db-credentials-file")
  void jdbcUrl(String value) {
    jdbcUrl = OptionChecks.jdbcPostgres(command, "--jdbc-url", value);
  }

  Path dbCredentialsFile;

  @Option(
      names = "--db-credentials-file",
      paramLabel = "FILE",
      description = "database login for --jdbc-url (user=/password= lines)")
  void dbCredentialsFile(Path value) {
    dbCredentialsFile = OptionChecks.readableFile(command, "--db-credentials-file", value);
  }

  @Option(
      names = "--kafka-property",
      paramLabel = "KEY=VALUE",
      description =
          "extra Kafka client property for --bootstrap-servers, e.g. security.protocol=SASL_SSL")
  Map<String, String> kafkaProperties = new HashMap<>();

  Integer concurrency;

  @Option(names = "--concurrency", description = "runs trained at once (default: the sweep job's)")
  void concurrency(int value) {
    concurrency = OptionChecks.atLeast(command, "--concurrency", 1, value, "runs trained at once");
  }

  int waitSeconds;

  @Option(
      names = "--wait",
      defaultValue = "300",
      paramLabel = "SECONDS",
      description =
          "how long to wait for the last diagnoses once training ended (default: ${DEFAULT-VALUE})")
  void waitSeconds(int value) {
    waitSeconds =
        OptionChecks.atLeast(command, "--wait", 0, value, "seconds to wait for the last diagnoses");
  }

  @Spec CommandSpec command;

  /**
   * What this command started; once it is stopping from Ctrl-C, failures are no news to the
   * terminal.
   */
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
      // Ctrl-C: what broke was stopped under the command (a database, a broker); the terminal
      // already has its line
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
    say(
        sweep.fixes().auto()
            ? sweep.name()
                + ": fixes: auto - the baseline ("
                + sweep.training().seeds()
                + " seeds) trains first, and its "
                + "symptoms choose the fixes"
            : plan.summary());

    Path work = Files.createTempDirectory("unstuck-run-");
    out(); // picocli makes its writers on first use: made now, on the terminal's streams, they stay
    // on the terminal
    err(); // after Ctrl-C, when what is printed on System.out/err goes to the log
    try (TerminalStreams terminal = TerminalStreams.install();
        LocalStack stack = new LocalStack(terminal.terminalErr())) {
      this.stack = stack;
      stack.onShutdown(
          () -> { // Ctrl-C: what the stopped jobs still log or print goes to the log file only
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
      return fail(
          INCOMPLETE,
          Throwables.rootMessage(e)
              + " (the details are in "
              + results.resolve("unstuck.log")
              + ")");
    }
  }

  /**
   * The named steps of a run: services, the diagnosis stream job, the sweep, the wait, the answer.
   */
  private int run(
      LocalStack stack, SweepSpec sweep, SweepPlan plan, Path results, Path work, long started)
      throws Exception {
    Connections connections;
    try {
      connections =
          Connections.open(
              stack, work, bootstrapServers, kafkaProperties, jdbcUrl, dbCredentialsFile);
    } catch (KafkaUnreachableException e) {
      return fail(SERVICES, e.getMessage());
    }
    say(connections.summary());
    SparkSession spark = spark(stack, sweep);
    RunningDiagnosis diagnosis;
    try {
      diagnosis = startDiagnosis(spark, connections, work);
    } catch (CommandLine.ParameterException e) {
      return fail(BAD_SPEC, e.getMessage());
    } catch (RuntimeException e) {
      LOG.info("the diagnosis stream job did not start", e);
      boolean database =
          Throwables.has(e, SQLException.class)
              || Throwables.rootMessage(e).contains("Connection refused");
      return fail(
          SERVICES,
          "the diagnosis stream job did not start: "
              + (database
                  ? "PostgreSQL at " + PostgresStore.redact(connections.jdbcUrl()) + ": "
                  : "")
              + Throwables.rootMessage(e));
    }
    stack.add("the diagnosis stream job", diagnosis::stop);
    say(
        "diagnosis stream job running; to follow it from another terminal: bin/unstuck watch --bootstrap-servers "
            + connections.bootstrapServers()
            + " --from-beginning");

    Path planFile = work.resolve("plan.tsv");
    Path logFile = results.resolve("unstuck.log");
    // this submission's own id: the answer read back is this execution's, never an earlier run of
    // the sweep name's
    String executionId = ExecutionIds.next();
    LOG.info("sweep {}: execution {}", sweep.name(), executionId);
    long trainingStarted = System.nanoTime();
    AtomicReference<Exception> crashed = new AtomicReference<>();
    int sweepExit = runSweep(stack, connections, planFile, executionId, crashed);
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
      return fail(
          INCOMPLETE,
          "the sweep job ended (exit "
              + sweepExit
              + ") before it planned any run: nothing to "
              + "diagnose (the details are in "
              + logFile
              + ")");
    }
    say(
        String.format(
            "training done in %s%s; waiting for the last diagnoses ...",
            seconds(trainingStarted), sweepExit == 0 ? "" : " (some runs failed)"));

    // With fixes: auto the sweep chose its fixes from the baseline's symptoms: wait for the runs it
    // wrote down.
    PlannedRuns planned = PlannedRuns.read(planFile).orElseThrow();
    ResultsDatabase database = new ResultsDatabase(connections.jdbcUrl(), connections.login());
    ResultsDatabase.Progress progress =
        new DiagnosisWait(diagnosis, database, this::say)
            .await(plan.sweepId(), executionId, planned, waitSeconds);
    if (diagnosis.failure().isPresent()) {
      return fail(
          INCOMPLETE,
          "the diagnosis stream job failed: " + Throwables.rootMessage(diagnosis.failure().get()));
    }
    showAnswer(sweep, SweepTables.of(database.read(sweep.name(), executionId)), planned, results);
    if (!progress.done()) {
      return fail(
          INCOMPLETE,
          "the diagnosis did not finish within "
              + waitSeconds
              + " s ("
              + progress.line()
              + "); the table shows what was known");
    }
    say("done in " + seconds(started) + "; stopping what was started ...");
    return sweepExit == 0 ? 0 : INCOMPLETE;
  }

  /**
   * The local Spark session both jobs share; one someone else started (a test's) is theirs to stop.
   */
  private SparkSession spark(LocalStack stack, SweepSpec sweep) {
    boolean sparkRunning = SparkSession.getDefaultSession().isDefined();
    SparkSession spark = SparkSetup.session("unstuck " + sweep.name());
    if (!sparkRunning) {
      stack.add("Spark", spark::stop);
    }
    say(
        "Spark "
            + spark.sparkContext().master()
            + (spark.sparkContext().uiWebUrl().isDefined()
                ? ", UI at " + spark.sparkContext().uiWebUrl().get()
                : ""));
    return spark;
  }

  /** The diagnosis stream job, with the arguments spark-submit would give it. */
  private RunningDiagnosis startDiagnosis(SparkSession spark, Connections connections, Path work) {
    // A fresh broker holds nothing older; on a shared one, diagnose only what this run produces.
    String startingOffsets =
        connections.startedKafka()
            ? "earliest"
            : EndOffsets.sparkJson(connections.kafka(), Topics.TELEMETRY);
    List<String> args =
        new ArrayList<>(
            List.of(
                DiagnosisStreamJob.BOOTSTRAP_SERVERS,
                connections.bootstrapServers(),
                DiagnosisStreamJob.JDBC_URL,
                connections.jdbcUrl(),
                DiagnosisStreamJob.CHECKPOINT,
                work.resolve("checkpoint").toString(),
                DiagnosisStreamJob.STARTING_OFFSETS,
                startingOffsets,
                DiagnosisStreamJob.TRIGGER,
                "1 second"));
    if (connections.credentialsFile() != null) {
      args.addAll(
          List.of(
              DiagnosisStreamJob.DB_CREDENTIALS_FILE, connections.credentialsFile().toString()));
    }
    kafkaProperties.forEach(
        (k, v) -> args.addAll(List.of(DiagnosisStreamJob.KAFKA_PROPERTY, k + "=" + v)));
    return DiagnosisStreamJob.fromArgs(args.toArray(String[]::new)).start(spark);
  }

  /**
   * The sweep job, with the arguments spark-submit would give it; its exit code. A crash (not a
   * user's mistake the job reported itself) is left in {@code crashed}, its stack trace in the log.
   */
  private int runSweep(
      LocalStack stack,
      Connections connections,
      Path planFile,
      String executionId,
      AtomicReference<Exception> crashed) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--spec",
                spec.toString(),
                "--bootstrap-servers",
                connections.bootstrapServers(),
                "--plan-out",
                planFile.toString(),
                "--execution-id",
                executionId));
    kafkaProperties.forEach((k, v) -> args.addAll(List.of("--kafka-property", k + "=" + v)));
    if (concurrency != null) {
      args.addAll(List.of("--concurrency", concurrency.toString()));
    }
    return new CommandLine(new SweepJob())
        .setExecutionExceptionHandler(
            (e, commandLine, parsed) -> {
              if (stack.shuttingDown()) {
                return INTERRUPTED; // Spark stopped under it on Ctrl-C: no news
              }
              LOG.info("the sweep job failed", e); // the stack trace to the log file only
              crashed.set(e);
              return SweepFailure.exitCode(e);
            })
        .execute(args.toArray(String[]::new));
  }

  /**
   * The fix table on the terminal, the results folder, and the fixed spec when a fix resolved
   * something.
   */
  private void showAnswer(SweepSpec sweep, SweepTables tables, PlannedRuns planned, Path results)
      throws IOException {
    out().println();
    out().print(FixTable.render(tables));
    out().println();
    Path report = ReportWriter.write(tables, planned.summary(), results);
    say(
        "report: "
            + report
            + "  (also "
            + ReportWriter.FIX_OUTCOME_CSV
            + ", "
            + ReportWriter.RUN_DIAGNOSIS_CSV
            + ", unstuck.log in "
            + results
            + ")");
    FixedSpecFile.write(sweep, tables, results)
        .ifPresent(
            fixed -> say("the baseline with the best fix " + "applied, ready to run: " + fixed));
  }

  private static String seconds(long since) {
    long s = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since);
    return s < 120 ? s + " s" : (s / 60) + " min " + (s % 60) + " s";
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
