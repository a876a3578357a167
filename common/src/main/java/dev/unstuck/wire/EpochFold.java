package dev.unstuck.wire;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The rule that folds one run's telemetry to one entry per epoch, whatever form an entry takes
 * ({@link RunTelemetry} holds the records themselves, the stream job's state the epochs as the
 * detectors read them), so every reader of telemetry folds alike.
 *
 * <ul>
 *   <li>A terminal entry (FINISHED, DIVERGED, FAILED) replaces the RUNNING entry of its epoch.
 *   <li>Anything else that repeats an epoch, or comes after the run's terminal epoch, is ignored:
 *       duplicates and late copies never count twice.
 * </ul>
 *
 * @param <T> an epoch's entry
 */
public final class EpochFold<T> {
  private final NavigableMap<Integer, T> epochs = new TreeMap<>();
  private final Predicate<T> terminal;

  /** A fold whose entries are terminal when {@code terminal} says so. */
  public EpochFold(Predicate<T> terminal) {
    this.terminal = terminal;
  }

  /**
   * Applies {@code entry} for {@code epoch}; true when it changed what is held, false for a
   * duplicate or late copy.
   */
  public boolean accept(int epoch, T entry) {
    T current = epochs.get(epoch);
    if (current == null) {
      Map.Entry<Integer, T> last = epochs.lastEntry();
      if (last != null && terminal.test(last.getValue()) && epoch > last.getKey()) {
        return false; // after the run ended: a stray copy
      }
      epochs.put(epoch, entry);
      return true;
    }
    if (!terminal.test(current) && terminal.test(entry)) {
      epochs.put(epoch, entry);
      return true;
    }
    return false;
  }

  /** The entry of the latest epoch held. */
  public Optional<T> last() {
    Map.Entry<Integer, T> last = epochs.lastEntry();
    return last == null ? Optional.empty() : Optional.of(last.getValue());
  }

  /** True once the latest entry is terminal. */
  public boolean ended() {
    return last().map(terminal::test).orElse(false);
  }

  /** The entries held by epoch, read-only. */
  public NavigableMap<Integer, T> byEpoch() {
    return Collections.unmodifiableNavigableMap(epochs);
  }

  public int size() {
    return epochs.size();
  }

  public boolean isEmpty() {
    return epochs.isEmpty();
  }
}
