package dev.unstuck.local;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * System.out and System.err, with a switch that sends whatever is printed on them from then on to
 * the log instead of the terminal. On Ctrl-C the jobs still running print what they make of Spark
 * stopping under them - runs "FAILED" with Spark's "Cannot call methods on a stopped SparkContext"
 * and where it was created, threads dying with "Exception in thread ..." and a trace - none of it
 * news to the person who pressed Ctrl-C. Those go through System.out and System.err, not through
 * logging, so muting the log's console does not reach them.
 *
 * <p>Installed before anything captures the streams (a progress display keeps the PrintStream it
 * was given); the command's own lines keep going to the terminal through the streams from before.
 */
public final class TerminalStreams implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TerminalStreams.class);

  private final PrintStream out;
  private final PrintStream err;
  private final Switch outSwitch;
  private final Switch errSwitch;

  private TerminalStreams(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
    this.outSwitch = new Switch(out);
    this.errSwitch = new Switch(err);
  }

  /**
   * Puts switchable streams in place of System.out and System.err (as they are now); close puts
   * those back.
   */
  public static TerminalStreams install() {
    TerminalStreams streams = new TerminalStreams(System.out, System.err);
    System.setOut(new PrintStream(streams.outSwitch, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(streams.errSwitch, true, StandardCharsets.UTF_8));
    return streams;
  }

  /** System.err as it was: for the lines that must reach the terminal after {@link #toLog()}. */
  public PrintStream terminalErr() {
    return err;
  }

  /**
   * From now on each line printed on System.out or System.err goes to the log file (INFO), not the
   * terminal.
   */
  public void toLog() {
    divert(line -> LOG.info("printed after the command was stopped: {}", line));
  }

  /** As {@link #toLog()}, to {@code lines}. */
  void divert(Consumer<String> lines) {
    outSwitch.divert(lines);
    errSwitch.divert(lines);
  }

  @Override
  public void close() {
    System.out.flush();
    System.err.flush();
    System.setOut(out);
    System.setErr(err);
  }

  /** Bytes to the terminal, or once diverted, whole lines to a consumer. */
  private static final class Switch extends OutputStream {
    private final PrintStream terminal;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private Consumer<String> diverted;

    Switch(PrintStream terminal) {
      this.terminal = terminal;
    }

    synchronized void divert(Consumer<String> lines) {
      terminal.flush();
      diverted = lines;
    }

    @Override
    public synchronized void write(int b) {
      if (diverted == null) {
        terminal.write(b);
      } else if (b == '\n') {
        diverted.accept(line.toString(StandardCharsets.UTF_8).stripTrailing());
        line.reset();
      } else {
        line.write(b);
      }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
      if (diverted == null) {
        terminal.write(bytes, offset, length);
        return;
      }
      for (int i = offset; i < offset + length; i++) {
        write(bytes[i]);
      }
    }

    @Override
    public synchronized void flush() {
      if (diverted == null) {
        terminal.flush();
      }
    }
  }
}
