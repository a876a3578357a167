package dev.unstuck.sweep;

import dev.unstuck.diagnosis.TrainingStatus;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Live progress on the driver: epochs done out of all, and per run its last loss and status. On a
 * terminal the line redraws in place; otherwise (logs, CI) a line is printed every few seconds.
 */
public final class ProgressDisplay implements RunProgress, AutoCloseable {
  private record RunState(int epoch, int total, Double loss, TrainingStatus status) {}

  private final Map<String, RunState> runs = new ConcurrentHashMap<>();
  private final int totalEpochs;
  private final PrintStream out;
  private final boolean terminal;
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "unstuck-progress");
            thread.setDaemon(true);
            return thread;
          });

  public ProgressDisplay(int totalEpochs, PrintStream out, boolean terminal) {
    this.totalEpochs = totalEpochs;
    this.out = out;
    this.terminal = terminal;
    ticker.scheduleAtFixedRate(this::print, terminal ? 1 : 10, terminal ? 1 : 10, TimeUnit.SECONDS);
  }

  @Override
  public void epochDone(
      String runId, int epoch, int total, Double trainLoss, TrainingStatus status) {
    runs.put(runId, new RunState(epoch, total, trainLoss, status));
  }

  /** Epochs done over all runs; a run that ended early counts all its epochs as done. */
  int epochsDone() {
    return runs.values().stream()
        .mapToInt(r -> r.status().terminal() ? r.total() : r.epoch())
        .sum();
  }

  String line() {
    int done = epochsDone();
    int width = 30;
    int filled = totalEpochs == 0 ? width : (int) ((long) width * done / totalEpochs);
    StringBuilder line =
        new StringBuilder(
            String.format(
                "[%s%s] %d/%d epochs",
                "#".repeat(filled), " ".repeat(width - filled), done, totalEpochs));
    Map<String, RunState> sorted = new TreeMap<>(runs);
    sorted.forEach(
        (run, state) ->
            line.append(
                String.format(
                    "%n  %-48s epoch %3d/%-3d loss %-10s %s",
                    run,
                    state.epoch(),
                    state.total(),
                    state.loss() == null ? "-" : String.format("%.4g", state.loss()),
                    state.status())));
    return line.toString();
  }

  private void print() {
    String line = line();
    if (terminal) {
      long lines = line.lines().count();
      out.print(line + "\n");
      out.print("\033[" + lines + "A"); // back to the top of the block, to redraw it next second
    } else {
      out.println(line);
    }
    out.flush();
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    if (terminal) {
      out.print("\033[J");
    }
    out.println(line());
    out.flush();
  }
}
