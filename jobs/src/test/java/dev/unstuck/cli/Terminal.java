package dev.unstuck.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code bin/unstuck ARGS} in-process, with what reached the terminal: the command's own writers
 * and whatever the jobs it runs print on System.out/System.err (the sweep job prints its one-line
 * errors there).
 */
record Terminal(int exit, String out, String err) {

  static synchronized Terminal run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ByteArrayOutputStream systemOut = new ByteArrayOutputStream();
    ByteArrayOutputStream systemErr = new ByteArrayOutputStream();
    PrintStream savedOut = System.out;
    PrintStream savedErr = System.err;
    int exit;
    try {
      System.setOut(new PrintStream(systemOut, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(systemErr, true, StandardCharsets.UTF_8));
      exit =
          Unstuck.commandLine()
              .setOut(new PrintWriter(out, true))
              .setErr(new PrintWriter(err, true))
              .execute(args);
    } finally {
      System.setOut(savedOut);
      System.setErr(savedErr);
    }
    Terminal terminal =
        new Terminal(
            exit,
            out + systemOut.toString(StandardCharsets.UTF_8),
            err + systemErr.toString(StandardCharsets.UTF_8));
    savedOut.println(terminal.out());
    savedErr.println(terminal.err());
    return terminal;
  }

  /** The lines on stderr that are not log lines of the test's own logging (HH:mm:ss LEVEL ...). */
  List<String> errorLines() {
    return err.lines()
        .filter(line -> !line.isBlank())
        .filter(line -> !line.matches("\\d\\d:\\d\\d:\\d\\d .*"))
        .toList();
  }
}
