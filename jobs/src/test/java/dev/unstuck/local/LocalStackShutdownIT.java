package dev.unstuck.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local services in a JVM of their own, stopped the two ways a user's command ends abnormally:
 * a signal (Ctrl-C / kill: the shutdown hook stops everything) and a hard kill (no hook runs: the
 * watchdog stops PostgreSQL, Kafka dies with the JVM). Either way no port stays open and no process
 * stays behind.
 */
class LocalStackShutdownIT {

  @Test
  void aSignalStopsEverything(@TempDir Path dir) throws Exception {
    endsWithoutLeftovers(dir, false);
  }

  @Test
  void aHardKillLeavesNoDatabaseBehind(@TempDir Path dir) throws Exception {
    endsWithoutLeftovers(dir, true);
  }

  private static void endsWithoutLeftovers(Path dir, boolean hard) throws Exception {
    Process jvm =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    LocalStackHolder.class.getName(),
                    dir.toString()))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    int kafkaPort;
    int postgresPort;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      do {
        line = out.readLine();
      } while (line != null && !line.startsWith("READY "));
      assertThat(line).as("the services started in the child JVM").isNotNull();
      String[] ports = line.split(" ");
      kafkaPort = Integer.parseInt(ports[1]);
      postgresPort = Integer.parseInt(ports[2]);
      assertThat(Ports.isListening(kafkaPort)).isTrue();
      assertThat(Ports.isListening(postgresPort)).isTrue();

      if (hard) {
        jvm.destroyForcibly(); // SIGKILL: no shutdown hook runs
      } else {
        jvm.destroy(); // SIGTERM: the shutdown hooks run, as on Ctrl-C
      }
      assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline
        && (Ports.isListening(kafkaPort)
            || Ports.isListening(postgresPort)
            || !LocalServicesIT.postgresProcesses(dir).isEmpty())) {
      Thread.sleep(200);
    }
    assertThat(Ports.isListening(kafkaPort)).as("Kafka port closed").isFalse();
    assertThat(Ports.isListening(postgresPort)).as("PostgreSQL port closed").isFalse();
    assertThat(LocalServicesIT.postgresProcesses(dir)).as("postgres processes").isEmpty();
    assertThat(dir.resolve("pg")).as("database files removed").doesNotExist();
  }
}
