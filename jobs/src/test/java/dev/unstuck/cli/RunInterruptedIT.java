package dev.unstuck.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during training, as {@code bin/unstuck run} sees it: a JVM of its own with the launcher's
 * logging (no test log4j configuration on its classpath), SIGINT once training has started. The
 * terminal gets one line; what the stopped jobs print - runs "FAILED" with Spark's "Cannot call
 * methods on a stopped SparkContext", threads' traces, Spark's ERROR lines - goes to unstuck.log
 * (issue 9, defect 8).
 */
class RunInterruptedIT {

  @Test
  void ctrlCDuringTrainingLeavesOneLineOnTheTerminal(@TempDir Path dir) throws Exception {
    assumeFalse(
        sigintIgnored(),
        "SIGINT is ignored in this process (a shell's background job without job control "
            + "starts it so): the launcher's JVM would inherit that and never see the Ctrl-C");
    Path out = dir.resolve("out");
    List<String> command =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g"));
    // Spark's Java 17 opens, as the test JVM got them
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect"))
        .forEach(command::add);
    // the launcher's own logging: no test-classes folder (they hold the tests'
    // log4j2-test.properties)
    String classpath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.endsWith("test-classes"))
            .collect(Collectors.joining(File.pathSeparator));
    command.addAll(
        List.of(
            "-cp",
            classpath,
            Unstuck.class.getName(),
            "run",
            ExampleSpecsTest.EXAMPLES.resolve("healthy-digits.yaml").toString(),
            "--out",
            out.toString()));
    Path stderr = dir.resolve("stderr");
    Process jvm = new ProcessBuilder(command).redirectError(stderr.toFile()).start();

    List<String> stdout = new ArrayList<>();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null && !line.startsWith("unstuck: training:")) {
        stdout.add(line);
      }
      assertThat(line).as("training started; stdout so far: %s", stdout).isNotNull();
      Thread.sleep(10_000); // into the first epochs
      new ProcessBuilder("kill", "-INT", String.valueOf(jvm.pid())).start().waitFor();
      int afterTraining = stdout.size();
      while ((line = lines.readLine()) != null) {
        stdout.add(line);
      }
      assertThat(jvm.waitFor(120, TimeUnit.SECONDS)).as("stopped within 2 minutes").isTrue();

      List<String> printedAfter = stdout.subList(afterTraining, stdout.size());
      assertThat(printedAfter)
          .as("stdout after the training line")
          .noneMatch(
              l -> l.contains("FAILED") || l.contains("SparkContext") || l.contains("\tat "));
    }
    assertThat(jvm.exitValue()).isEqualTo(RunCommand.INTERRUPTED);
    assertThat(Files.readAllLines(stderr))
        .containsExactly("unstuck: stopping what was started ...");
    // what went on after the Ctrl-C is in the log file: Spark stopping (its own INFO line, always
    // written), and -
    // when the stopped jobs print or log complaints, which depends on where training was - those
    // too
    assertThat(Files.readString(out.resolve("unstuck.log")))
        .contains("Successfully stopped SparkContext");
  }

  /**
   * SIGINT (signal 2) in the SigIgn mask of /proc/self/status: a child started from here ignores it
   * too.
   */
  private static boolean sigintIgnored() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return false;
    }
    return Files.readAllLines(status).stream()
        .filter(l -> l.startsWith("SigIgn:"))
        .findFirst()
        .map(
            l ->
                (Long.parseUnsignedLong(l.substring("SigIgn:".length()).trim(), 16) & (1L << 1))
                    != 0)
        .orElse(false);
  }
}
