package dev.unstuck.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * After Ctrl-C what the stopped jobs print goes to the log, line by line; the command's own lines
 * still show.
 */
class TerminalStreamsTest {

  @Test
  void printedLinesReachTheTerminalUntilDivertedThenTheLogOnly() {
    ByteArrayOutputStream terminalOut = new ByteArrayOutputStream();
    ByteArrayOutputStream terminalErr = new ByteArrayOutputStream();
    PrintStream savedOut = System.out;
    PrintStream savedErr = System.err;
    List<String> logged = new ArrayList<>();
    try {
      PrintStream terminal = new PrintStream(terminalOut, true, StandardCharsets.UTF_8);
      System.setOut(terminal);
      System.setErr(new PrintStream(terminalErr, true, StandardCharsets.UTF_8));
      PrintStream progress;
      try (TerminalStreams streams = TerminalStreams.install()) {
        progress = System.out; // what a progress display captures when the sweep starts
        progress.println("[###   ] 3/32 epochs");
        System.err.println("unstuck: a warning while running");

        streams.divert(logged::add);
        streams.terminalErr().println("unstuck: stopping what was started ...");
        progress.println("  healthy-digits/baseline/seed-1   epoch 0/8   FAILED");
        System.err.print(
            "Exception in thread \"stream execution thread\" java.lang.InterruptedException\n\tat x.y(Z");
        System.err.println(".java:1)");
        new IllegalStateException("Cannot call methods on a stopped SparkContext.")
            .printStackTrace();
      }
      assertThat(System.out).as("the streams from before are back").isSameAs(terminal);
    } finally {
      System.setOut(savedOut);
      System.setErr(savedErr);
    }

    assertThat(terminalOut.toString(StandardCharsets.UTF_8)).isEqualTo("[###   ] 3/32 epochs\n");
    assertThat(terminalErr.toString(StandardCharsets.UTF_8))
        .isEqualTo("unstuck: a warning while running\nunstuck: stopping what was started ...\n");
    assertThat(logged)
        .startsWith(
            "  healthy-digits/baseline/seed-1   epoch 0/8   FAILED",
            "Exception in thread \"stream execution thread\" java.lang.InterruptedException",
            "\tat x.y(Z.java:1)",
            "java.lang.IllegalStateException: Cannot call methods on a stopped SparkContext.");
  }
}
