package dev.unstuck.wire;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.avro.RunStatus;
import dev.unstuck.diagnosis.EpochMetrics;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One run's telemetry folded to what it says: one record per epoch. The one rule every reader of
 * telemetry applies (the stream job's state, the sweep job's choice of automatic fixes), so both
 * diagnose a run alike.
 *
 * <ul>
 *   <li>A terminal record (FINISHED, DIVERGED, FAILED) replaces the RUNNING record of its epoch;
 *       anything else that repeats an epoch, or comes after the run's terminal epoch, is ignored
 *       ({@link EpochFold}).
 *   <li>Epoch 0 (a run that failed before its first epoch) carries a status but no metrics: it
 *       counts for how the run ended and is left out of the {@link #series()}.
 *   <li>A terminal record without metrics stays in the series: its status is what the diagnoser
 *       judges (a FAILED run is a failure, never a symptom), its missing metrics read as NaN.
 * </ul>
 *
 * @param <P> what is kept beside each record (the stream job keeps the bytes it arrived as)
 */
public final class RunTelemetry<P> {
  private final EpochFold<Held<P>> epochs = new EpochFold<>(held -> terminal(held.record()));

  /** A record held for its epoch, and what came with it. */
  public record Held<P>(EpochTelemetry record, P payload) {}

  /**
   * Applies one record of this run; true when it changed what is known about the run, false for a
   * duplicate or a late copy.
   */
  public boolean accept(EpochTelemetry record, P payload) {
    return epochs.accept(record.getEpoch(), new Held<>(record, payload));
  }

  /** The record of the latest epoch held: how the run stands. */
  public Optional<EpochTelemetry> last() {
    return epochs.last().map(Held::record);
  }

  /** The measured epochs (1 on), as the detectors read them. */
  public List<EpochMetrics> series() {
    return epochs.byEpoch().tailMap(1, true).values().stream()
        .map(h -> TelemetryMapper.toMetrics(h.record()))
        .toList();
  }

  /** True once the run's latest record is terminal. */
  public boolean ended() {
    return epochs.ended();
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
    return epochs.byEpoch().values().stream().map(Held::payload);
  }

  public static boolean terminal(EpochTelemetry record) {
    return record.getStatus() != RunStatus.RUNNING;
  }
}
