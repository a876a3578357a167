package dev.unstuck.local;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Everything {@code bin/unstuck run} started, stopped in reverse order on {@link #close()} — on a normal exit, on
 * failure, and from a JVM shutdown hook on Ctrl-C — so no broker, database or port outlives the command.
 */
public final class LocalStack implements AutoCloseable {
  private final Deque<Entry> started = new ArrayDeque<>();
  private final PrintStream log;
  private final Thread hook;
  private boolean closed;

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

  private void closeFromHook() {
    synchronized (this) {
      if (closed || started.isEmpty()) {
        return;
      }
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
      log.println("unstuck: " + entry.name() + " did not stop cleanly: " + e);
    }
  }
}
