package dev.unstuck.spec;

import java.io.Serializable;

/**
 * How the runs of a sweep are trained on the cluster ({@code training.parallelism} and {@code
 * training.dataParallelAboveMiB}). The same for every variant: a fix never changes how a run is
 * spread.
 *
 * @param mode {@link Mode#AUTO} (default), {@link Mode#VARIANT} or {@link Mode#DATA}
 * @param dataParallelAboveMiB with {@code auto}, a training split whose features take more than
 *     this many MiB (as 32-bit floats) is trained data-parallel; a smaller one is trained whole in
 *     one task
 */
public record Parallelism(Mode mode, double dataParallelAboveMiB) implements Serializable {
  /**
   * A split up to 64 MiB of features fits one task's memory next to the network many times over.
   */
  public static final double DEFAULT_DATA_PARALLEL_ABOVE_MIB = 64;

  public static final Parallelism AUTO =
      new Parallelism(Mode.AUTO, DEFAULT_DATA_PARALLEL_ABOVE_MIB);

  public enum Mode {
    /**
     * Variant-parallel when the training split fits {@code dataParallelAboveMiB}, data-parallel
     * otherwise.
     */
    AUTO,
    /** Each run trained whole inside one Spark task with plain DL4J: single-process semantics. */
    VARIANT,
    /** Each run trained across the cluster with DL4J parameter averaging. */
    DATA
  }

  /** The mode a training split of this many bytes of features gets. */
  public Mode choose(long featureBytes) {
    if (mode != Mode.AUTO) {
      return mode;
    }
    return featureBytes <= dataParallelAboveMiB * 1024 * 1024 ? Mode.VARIANT : Mode.DATA;
  }
}
