package dev.unstuck.local;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@code bin/unstuck run} started, stopped in reverse order on {@link #close()} — on a
 * normal exit, on failure, and from a JVM shutdown hook on Ctrl-C — so no broker, database or port
 * outlives the command.
 */
public final class LocalStack implements AutoCloseable {
  private final Deque<Entry> started = new ArrayDeque<>();
  private final PrintStream log;
  private final Thread hook;
  private boolean closed;

  /**
   * Set when stopping from the shutdown hook: Spark's own hook races ours, so its complaints are no
   * news.
   */
  private volatile boolean interrupted;

  private volatile Runnable onShutdown;
  private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

  private record Entry(String name, AutoCloseable resource) {}

  public LocalStack(PrintStream log) {
    this.log = log;
    this.hook = new Thread(this::closeFromHook, "unstuck-local-stack-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Registers something started, to be stopped with the stack; returns it. */
  public synchronized <T extends AutoCloseable> T add(String name, T resource) {
    if (closed) {
      closeQuietly(new Entry(name, resource));
      throw new IllegalStateException("the local stack is already stopped");
    }
    started.push(new Entry(name, resource));
    return resource;
  }

  /**
   * True once the JVM is shutting down (Ctrl-C, kill): whatever still runs is about to be stopped.
   */
  public boolean shuttingDown() {
    return interrupted;
  }

  /**
   * Runs first when the JVM is shutting down, e.g. to quieten what the interrupted work still
   * reports.
   */
  public void onShutdown(Runnable action) {
    onShutdown = action;
  }

  private void closeFromHook() {
    interrupted = true;
    synchronized (this) {
      if (closed || started.isEmpty()) {
        return;
      }
    }
    Runnable first = onShutdown;
    if (first != null) {
      first.run();
    }
    log.println("unstuck: stopping what was started ...");
    stopAll();
  }

  @Override
  public void close() {
    stopAll();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the JVM is exiting and runs the hook itself; stopAll above already did its work
    }
  }

  private synchronized void stopAll() {
    closed = true;
    while (!started.isEmpty()) {
      closeQuietly(started.pop());
    }
  }

  private void closeQuietly(Entry entry) {
    try {
      entry.resource().close();
    } catch (Exception e) {
      if (interrupted) {
        LOG.info("{} did not stop cleanly while the JVM shut down", entry.name(), e);
      } else {
        log.println("unstuck: " + entry.name() + " did not stop cleanly: " + e);
      }
    }
  }
}
