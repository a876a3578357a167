package dev.unstuck.sweep;

/**
 * Which memory an {@link OutOfMemoryError} ran out of, which decides whether training may go on.
 *
 * <ul>
 *   <li>OFF_HEAP: ND4J's arrays live outside the Java heap, allocated through JavaCPP, which
 *       refuses an allocation past its limits with an OutOfMemoryError of its own. Nothing in the
 *       JVM is damaged: the run's arrays are freed once its network is dropped, so the run is
 *       recorded as failed and the sweep goes on.
 *   <li>HEAP: the Java heap itself. Any thread may have died half-way (Spark's, Kafka's), so
 *       nothing that follows can be trusted: the run's failure is published and the error is thrown
 *       on, ending the JVM's work (Spark retries a task on another executor).
 * </ul>
 */
enum MemoryExhaustion {
  OFF_HEAP,
  HEAP;

  /** The messages JavaCPP's Pointer (ND4J's allocator) and java.nio give a refused allocation. */
  private static final String[] OFF_HEAP_MESSAGES = {
    "Failed to allocate memory within limits", "Physical memory usage is too high", "Direct buffer"
  };

  static MemoryExhaustion of(OutOfMemoryError error) {
    String message = String.valueOf(error.getMessage());
    for (String offHeap : OFF_HEAP_MESSAGES) {
      if (message.startsWith(offHeap)) {
        return OFF_HEAP;
      }
    }
    return HEAP;
  }

  /** What to change, in the user's terms. */
  String advice() {
    return this == OFF_HEAP
        ? "ND4J ran out of off-heap memory: give the executors more"
            + " (spark.executor.memoryOverhead, or org.bytedeco.javacpp.maxbytes), or train a smaller"
            + " batch or network"
        : "the Java heap is exhausted: give the driver and executors more memory"
            + " (spark.driver.memory, spark.executor.memory)";
  }
}
