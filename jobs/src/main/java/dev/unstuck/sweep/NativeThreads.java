package dev.unstuck.sweep;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Caps ND4J's native (OpenMP and BLAS) threads in this JVM. A task that trains a whole run is one
 * of many filling the executor's cores: one native thread each keeps them from oversubscribing the
 * CPU (small dense networks gain nothing from more; measured in deploy/bench/sweep-bench.sh).
 */
public final class NativeThreads {
  private NativeThreads() {}

  /**
   * Applied by every task, in its own thread: OpenMP's thread count is a per-thread setting, and a
   * run whose thread kept the default would sum in another order than its re-run.
   *
   * @param threads at most this many native threads per operation; 0 leaves ND4J's own setting
   */
  public static void limit(int threads) {
    if (threads <= 0) {
      return;
    }
    synchronized (NativeThreads.class) {
      Nd4j.getEnvironment().setMaxThreads(threads);
      Nd4j.getEnvironment().setMaxMasterThreads(threads);
      NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
      Nd4j.factory().blas().setMaxThreads(threads);
    }
  }
}
