package dev.unstuck.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unstuck.db.DbCredentials;
import dev.unstuck.db.PostgresStore;
import dev.unstuck.diagnosis.Thresholds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParameterException;

class DiagnosisStreamJobTest {
  private static final String[] REQUIRED = {
    "--bootstrap-servers",
    "k:9092",
    "--jdbc-url",
    "jdbc:postgresql://db:5432/unstuck",
    "--checkpoint",
    "/tmp/ckpt"
  };

  private static String[] with(String... more) {
    String[] args = Arrays.copyOf(REQUIRED, REQUIRED.length + more.length);
    System.arraycopy(more, 0, args, REQUIRED.length, more.length);
    return args;
  }

  @Test
  void defaults() {
    StreamSettings s = DiagnosisStreamJob.fromArgs(REQUIRED).settings();
    assertThat(s.telemetryTopic()).isEqualTo("unstuck.telemetry");
    assertThat(s.diagnosisTopic()).isEqualTo("unstuck.diagnosis");
    assertThat(s.deadLetterTopic()).isEqualTo("unstuck.telemetry.dlq");
    assertThat(s.startingOffsets()).isEqualTo("earliest");
    assertThat(s.trigger()).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.stateTimeout()).isEqualTo(Duration.ofMinutes(30));
    assertThat(s.checkpointOf("ingest")).isEqualTo("/tmp/ckpt/ingest");
  }

  @Test
  void optionsAndKafkaProperties() {
    StreamSettings s =
        DiagnosisStreamJob.fromArgs(
                with(
                    "--trigger",
                    "500ms",
                    "--state-timeout",
                    "2 hours",
                    "--kafka-property",
                    "security.protocol=SASL_SSL",
                    "--kafka-property",
                    "sasl.jaas.config=secret",
                    "--telemetry-topic",
                    "t",
                    "--starting-offsets",
                    "latest"))
            .settings();
    assertThat(s.trigger()).isEqualTo(Duration.ofMillis(500));
    assertThat(s.stateTimeout()).isEqualTo(Duration.ofHours(2));
    assertThat(s.kafka().clientProperties()).containsEntry("security.protocol", "SASL_SSL");
    assertThat(s.kafka().redacted()).doesNotContain("secret");
    assertThat(s.telemetryTopic()).isEqualTo("t");
    assertThat(s.startingOffsets()).isEqualTo("latest");
  }

  @Test
  void badArgumentsAreParameterExceptions() {
    assertThatThrownBy(() -> DiagnosisStreamJob.fromArgs("--bootstrap-servers", "k:9092"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--jdbc-url");
    assertThatThrownBy(() -> DiagnosisStreamJob.fromArgs(with("--trigger", "soon")))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--trigger");
    assertThatThrownBy(() -> DiagnosisStreamJob.fromArgs(with("--state-timeout", "0 minutes")))
        .isInstanceOf(ParameterException.class);
    assertThatThrownBy(
            () ->
                DiagnosisStreamJob.fromArgs(
                    "--bootstrap-servers",
                    "k",
                    "--jdbc-url",
                    "jdbc:mysql://x/y",
                    "--checkpoint",
                    "c"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("PostgreSQL");
    assertThatThrownBy(
            () -> DiagnosisStreamJob.fromArgs(with("--db-credentials-file", "/no/such/file")))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--db-credentials-file");
  }

  @Test
  void credentialsFromAFileInEitherFormatAndNeverPrinted(@TempDir Path tmp) throws Exception {
    Path props = Files.writeString(tmp.resolve("db.properties"), "user=unstuck\npassword=s3cret\n");
    Path lines = Files.writeString(tmp.resolve("db.txt"), "unstuck\ns3cret\n");
    assertThat(DbCredentials.fromFile(props)).isEqualTo(new DbCredentials("unstuck", "s3cret"));
    assertThat(DbCredentials.fromFile(lines)).isEqualTo(new DbCredentials("unstuck", "s3cret"));
    assertThat(DbCredentials.fromFile(props).toString()).doesNotContain("s3cret");
    assertThat(
            DbCredentials.fromEnvironment(
                Map.of("UNSTUCK_DB_USER", "u", "UNSTUCK_DB_PASSWORD", "p")))
        .contains(new DbCredentials("u", "p"));
    assertThat(DbCredentials.fromEnvironment(Map.of())).isEmpty();
    assertThat(PostgresStore.redact("jdbc:postgresql://h/db?user=u&password=p&ssl=true"))
        .isEqualTo("jdbc:postgresql://h/db?user=u&password=******&ssl=true");
  }

  @Test
  void thresholdsByName() {
    assertThat(DiagnosisStreamJob.fromArgs(REQUIRED).settings().thresholds())
        .isEqualTo(Thresholds.DEFAULTS);
    StreamSettings s =
        DiagnosisStreamJob.fromArgs(
                with("--threshold", "deadUnitFraction=0.8", "--threshold", "plateauWindow=7"))
            .settings();
    assertThat(s.thresholds().deadUnitFraction()).isEqualTo(0.8);
    assertThat(s.thresholds().plateauWindow()).isEqualTo(7);
    assertThat(s.thresholds().saturatedFraction())
        .isEqualTo(Thresholds.DEFAULTS.saturatedFraction());
    assertThatThrownBy(() -> DiagnosisStreamJob.fromArgs(with("--threshold", "deadUnits=0.8")))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--threshold")
        .hasMessageContaining("deadUnits");
    assertThatThrownBy(() -> DiagnosisStreamJob.fromArgs(with("--threshold", "plateauWindow=many")))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--threshold");
  }

  @Test
  void intervals() {
    assertThat(Durations.parse("2 seconds")).isEqualTo(Duration.ofSeconds(2));
    assertThat(Durations.parse("30 minutes")).isEqualTo(Duration.ofMinutes(30));
    assertThat(Durations.parse("1 hour")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("2s")).isEqualTo(Duration.ofSeconds(2)); // the Helm chart's default
    assertThat(Durations.parse("500 milliseconds")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("1.5 seconds")).isEqualTo(Duration.ofMillis(1500));
    assertThat(Durations.parse("interval 3 seconds")).isEqualTo(Duration.ofSeconds(3));
    assertThatThrownBy(() -> Durations.parse("2 fortnights"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid unit 'fortnights'");
    assertThatThrownBy(() -> Durations.parse("1 month")).hasMessageContaining("month");
    assertThatThrownBy(() -> Durations.parse("2")).hasMessageContaining("no unit");
  }
}
