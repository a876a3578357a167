package dev.unstuck.stream;

import dev.unstuck.db.DbCredentials;
import dev.unstuck.db.PostgresStore;
import dev.unstuck.diagnosis.Thresholds;
import dev.unstuck.kafka.KafkaPublisher;
import dev.unstuck.kafka.KafkaSettings;
import dev.unstuck.kafka.Topics;
import dev.unstuck.spark.SparkSetup;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The diagnosis stream job: {@code spark-submit --class dev.unstuck.stream.DiagnosisStreamJob
 * unstuck-jobs.jar --bootstrap-servers host:9092 --jdbc-url jdbc:postgresql://db:5432/unstuck
 * --checkpoint s3a://.../diagnosis}. Reads telemetry, diagnoses every run and judges every fix,
 * publishes to the diagnosis topic and PostgreSQL. The database login comes from {@value
 * DbCredentials#USER_ENV}/{@value DbCredentials#PASSWORD_ENV} or {@code --db-credentials-file},
 * never from the command line. Exit codes: 0 stopped, 1 failed, 2 bad arguments.
 */
@Command(
    name = "DiagnosisStreamJob",
    mixinStandardHelpOptions = true,
    description =
        "Diagnose every training run from the telemetry stream; publish diagnoses and fix verdicts to "
            + "Kafka and PostgreSQL.")
public final class DiagnosisStreamJob implements Callable<Integer> {
  public static final String BOOTSTRAP_SERVERS = "--bootstrap-servers";
  public static final String JDBC_URL = "--jdbc-url";
  public static final String CHECKPOINT = "--checkpoint";
  public static final String TELEMETRY_TOPIC = "--telemetry-topic";
  public static final String DIAGNOSIS_TOPIC = "--diagnosis-topic";
  public static final String DEAD_LETTER_TOPIC = "--dead-letter-topic";
  public static final String TRIGGER = "--trigger";
  public static final String STARTING_OFFSETS = "--starting-offsets";
  public static final String KAFKA_PROPERTY = "--kafka-property";
  public static final String STATE_TIMEOUT = "--state-timeout";
  public static final String DB_CREDENTIALS_FILE = "--db-credentials-file";
  public static final String MAX_RECORDS_PER_TRIGGER = "--max-records-per-trigger";
  public static final String HEALTH_PORT = "--health-port";
  public static final String DATABASE_GRACE = "--database-grace";
  static final int FAILED = 1;
  private static final Logger LOG = LoggerFactory.getLogger(DiagnosisStreamJob.class);

  @Spec CommandSpec spec;

  @Option(names = BOOTSTRAP_SERVERS, required = true, description = "Kafka bootstrap servers")
  String bootstrapServers;

  @Option(
      names = JDBC_URL,
      required = true,
      description = "PostgreSQL JDBC URL, e.g. jdbc:postgresql://db:5432/unstuck")
  String jdbcUrl;

  @Option(
      names = CHECKPOINT,
      required = true,
      description = "checkpoint folder (any Hadoop URI: s3a://, hdfs://, file)")
  String checkpoint;

  @Option(
      names = TELEMETRY_TOPIC,
      defaultValue = Topics.TELEMETRY,
      description = "topic read (default: ${DEFAULT-VALUE})")
  String telemetryTopic;

  @Option(
      names = DIAGNOSIS_TOPIC,
      defaultValue = Topics.DIAGNOSIS,
      description = "topic written (default: ${DEFAULT-VALUE})")
  String diagnosisTopic;

  @Option(
      names = DEAD_LETTER_TOPIC,
      defaultValue = Topics.TELEMETRY_DEAD_LETTER,
      description = "where undecodable telemetry goes (default: ${DEFAULT-VALUE})")
  String deadLetterTopic;

  @Option(
      names = TRIGGER,
      defaultValue = "2 seconds",
      description = "micro-batch interval (default: ${DEFAULT-VALUE})")
  String trigger;

  @Option(
      names = STARTING_OFFSETS,
      defaultValue = "earliest",
      description =
          "where to start without a checkpoint: earliest, latest or Spark's JSON (default: ${DEFAULT-VALUE})")
  String startingOffsets;

  @Option(
      names = KAFKA_PROPERTY,
      description =
          "extra Kafka client property for source and sinks, e.g. security.protocol=SASL_SSL")
  Map<String, String> kafkaProperties = new HashMap<>();

  @Option(
      names = "--threshold",
      description =
          "a detector or verdict threshold by name, e.g. deadUnitFraction=0.8 "
              + "(see Thresholds.java for the names and their sources)")
  Map<String, String> thresholdOverrides = new HashMap<>();

  @Option(
      names = "--kafka-properties-file",
      description =
          "Java properties file of Kafka client settings, e.g. secrets mounted from a Secret")
  Path kafkaPropertiesFile;

  @Option(
      names = STATE_TIMEOUT,
      defaultValue = "30 minutes",
      description =
          "a sweep without telemetry this long leaves the state (default: ${DEFAULT-VALUE})")
  String stateTimeout;

  @Option(
      names = DB_CREDENTIALS_FILE,
      description =
          "file with the database login (user=/password= lines, or two lines); default: environment "
              + DbCredentials.USER_ENV
              + "/"
              + DbCredentials.PASSWORD_ENV)
  Path dbCredentialsFile;

  @Option(
      names = MAX_RECORDS_PER_TRIGGER,
      defaultValue = "100000",
      description =
          "at most this many records per micro-batch, 0 = no limit (default: ${DEFAULT-VALUE})")
  long maxRecordsPerTrigger;

  @Option(
      names = HEALTH_PORT,
      defaultValue = "-1",
      description =
          "serve GET /health/ready and /health/live (200 or 503, JSON) on this port, e.g. for"
              + " Kubernetes probes; 0 = any free port, -1 = off (default: ${DEFAULT-VALUE})")
  int healthPort;

  @Option(
      names = DATABASE_GRACE,
      defaultValue = "2 minutes",
      description =
          "a database write waiting this long makes /health/ready answer 503 (default:"
              + " ${DEFAULT-VALUE})")
  String databaseGrace;

  private StreamSettings settings;
  private DbCredentials credentials;
  private Duration databaseGraceInterval;

  public static void main(String[] args) {
    System.exit(new CommandLine(new DiagnosisStreamJob()).execute(args));
  }

  /**
   * Parses and checks the same flags as {@link #main}; throws {@link ParameterException} on bad
   * ones.
   */
  public static DiagnosisStreamJob fromArgs(String... args) {
    DiagnosisStreamJob job = new DiagnosisStreamJob();
    new CommandLine(job).parseArgs(args);
    job.validate();
    return job;
  }

  @Override
  public Integer call() throws InterruptedException {
    validate();
    SparkSession spark = SparkSetup.session("unstuck-diagnosis");
    RunningDiagnosis running = start(spark);
    Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "unstuck-diagnosis-shutdown"));
    running.awaitTermination();
    running
        .failure()
        .ifPresent(
            e -> System.err.println("unstuck: the diagnosis stream failed: " + e.getMessage()));
    return running.failure().isPresent() ? FAILED : 0;
  }

  /**
   * Migrates the database, starts the queries on {@code spark} (shared, not created here) and
   * returns at once.
   *
   * @throws IllegalStateException when Kafka or the database cannot be reached at start
   */
  public RunningDiagnosis start(SparkSession spark) {
    validate();
    LOG.info(
        "diagnosis stream: {} -> {} (dead letters: {}) on {}; database {}; checkpoint {}; trigger {}",
        telemetryTopic,
        diagnosisTopic,
        deadLetterTopic,
        settings.kafka().redacted(),
        PostgresStore.redact(jdbcUrl),
        checkpoint,
        trigger);
    settings
        .kafka()
        .ensureReachable(Duration.ofSeconds(30), telemetryTopic, diagnosisTopic, deadLetterTopic);
    PostgresStore ingestStore = new PostgresStore(jdbcUrl, credentials);
    ingestStore.migrate();
    PostgresStore diagnosisStore = new PostgresStore(jdbcUrl, credentials);
    KafkaPublisher publisher = new KafkaPublisher(settings.kafka());
    StreamCounters counters = new StreamCounters();
    IngestWriter ingest = new IngestWriter(ingestStore, publisher, deadLetterTopic, counters);
    DiagnosisWriter diagnose =
        new DiagnosisWriter(diagnosisStore, publisher, diagnosisTopic, deadLetterTopic, counters);
    Map<String, RunningDiagnosis.QueryStarter> queries = new LinkedHashMap<>();
    queries.put(
        DiagnosisPipeline.INGEST_QUERY,
        () -> DiagnosisPipeline.startIngest(spark, settings, ingest));
    queries.put(
        DiagnosisPipeline.DIAGNOSE_QUERY,
        () -> DiagnosisPipeline.startDiagnosis(spark, settings, diagnose));
    RunningDiagnosis running;
    try {
      // on a failure part-way the constructor stops the queries it started and closes these
      running =
          new RunningDiagnosis(
              queries, settings, counters, List.of(publisher, ingestStore, diagnosisStore));
    } catch (TimeoutException e) {
      throw new IllegalStateException("the diagnosis queries did not start", e);
    }
    if (healthPort >= 0) {
      try {
        int port = running.serveHealth(healthPort, databaseGraceInterval);
        LOG.info("health: http://0.0.0.0:{}/health/ready and /health/live", port);
      } catch (RuntimeException e) {
        running.stop();
        throw e;
      }
    }
    return running;
  }

  /** The settings the flags describe. */
  public StreamSettings settings() {
    validate();
    return settings;
  }

  private void validate() {
    if (settings != null) {
      return;
    }
    CommandLine cl = spec != null ? spec.commandLine() : new CommandLine(this);
    Duration triggerInterval = interval(cl, TRIGGER, trigger);
    Duration timeout = interval(cl, STATE_TIMEOUT, stateTimeout);
    if (timeout.isZero()) {
      throw new ParameterException(cl, STATE_TIMEOUT + " must be positive");
    }
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new ParameterException(
          cl,
          JDBC_URL
              + " must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db), got "
              + PostgresStore.redact(jdbcUrl));
    }
    databaseGraceInterval = interval(cl, DATABASE_GRACE, databaseGrace);
    if (healthPort < -1 || healthPort > 65535) {
      throw new ParameterException(
          cl, HEALTH_PORT + " must be a port (0-65535), or -1 for none; got " + healthPort);
    }
    if (maxRecordsPerTrigger < 0) {
      throw new ParameterException(cl, MAX_RECORDS_PER_TRIGGER + " must be >= 0");
    }
    try {
      credentials = DbCredentials.fromFileOrEnvironment(dbCredentialsFile);
    } catch (IOException e) {
      throw new ParameterException(
          cl, DB_CREDENTIALS_FILE + ": cannot read " + dbCredentialsFile + ": " + e.getMessage());
    }
    KafkaSettings kafka;
    try {
      kafka = KafkaSettings.of(bootstrapServers, kafkaProperties, kafkaPropertiesFile);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(cl, e.getMessage());
    }
    Thresholds thresholds;
    try {
      thresholds = Thresholds.DEFAULTS.withOverrides(thresholdOverrides);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(cl, "--threshold: " + e.getMessage());
    }
    settings =
        new StreamSettings(
            kafka,
            telemetryTopic,
            diagnosisTopic,
            deadLetterTopic,
            startingOffsets,
            triggerInterval,
            timeout,
            checkpoint,
            maxRecordsPerTrigger,
            thresholds);
  }

  private static Duration interval(CommandLine cl, String option, String value) {
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(cl, option + ": " + e.getMessage());
    }
  }
}
