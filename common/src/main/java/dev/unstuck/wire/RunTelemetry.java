package dev.unstuck.wire;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.avro.RunStatus;
import dev.unstuck.diagnosis.EpochMetrics;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One run's telemetry folded to what it says: one record per epoch. The one rule every reader of telemetry applies
 * (the stream job's state, the sweep job's choice of automatic fixes), so both diagnose a run alike.
 *
 * <ul>
 *   <li>A terminal record (FINISHED, DIVERGED, FAILED) replaces the RUNNING record of its epoch.</li>
 *   <li>Anything else that repeats an epoch, or comes after the run's terminal epoch, is ignored: duplicates and
 *       late copies never count twice.</li>
 *   <li>Epoch 0 (a run that failed before its first epoch) carries a status but no metrics: it counts for how the
 *       run ended and is left out of the {@link #series()}.</li>
 *   <li>A terminal record without metrics stays in the series: its status is what the diagnoser judges (a FAILED
 *       run is a failure, never a symptom), its missing metrics read as NaN.</li>
 * </ul>
 *
 * @param <P> what is kept beside each record (the stream job keeps the bytes it arrived as)
 */
public final class RunTelemetry<P> {
  private final NavigableMap<Integer, Held<P>> epochs = new TreeMap<>();

  /** A record held for its epoch, and what came with it. */
  public record Held<P>(EpochTelemetry record, P payload) {}

  /**
   * Applies one record of this run; true when it changed what is known about the run, false for a duplicate or a
   * late copy.
   */
  public boolean accept(EpochTelemetry record, P payload) {
    Held<P> current = epochs.get(record.getEpoch());
    if (current == null) {
      Map.Entry<Integer, Held<P>> last = epochs.lastEntry();
      if (last != null && terminal(last.getValue().record()) && record.getEpoch() > last.getKey()) {
        return false; // after the run ended: a stray copy
      }
      epochs.put(record.getEpoch(), new Held<>(record, payload));
      return true;
    }
    if (!terminal(current.record()) && terminal(record)) {
      epochs.put(record.getEpoch(), new Held<>(record, payload));
      return true;
    }
    return false;
  }

  /** The record of the latest epoch held: how the run stands. */
  public Optional<EpochTelemetry> last() {
    Map.Entry<Integer, Held<P>> last = epochs.lastEntry();
    return last == null ? Optional.empty() : Optional.of(last.getValue().record());
  }

  /** The measured epochs (1 on), as the detectors read them. */
  public List<EpochMetrics> series() {
    return epochs.tailMap(1, true).values().stream().map(h -> TelemetryMapper.toMetrics(h.record())).toList();
  }

  /** True once the run's latest record is terminal. */
  public boolean ended() {
    return last().map(RunTelemetry::terminal).orElse(false);
  }

  /** Records held, one per epoch. */
  public int size() {
    return epochs.size();
  }

  public boolean isEmpty() {
    return epochs.isEmpty();
  }

  /** What was kept beside each held record, in epoch order. */
  public Stream<P> payloads() {
    return epochs.values().stream().map(Held::payload);
  }

  public static boolean terminal(EpochTelemetry record) {
    return record.getStatus() != RunStatus.RUNNING;
  }
}
