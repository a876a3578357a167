package dev.unstuck.wire;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.avro.FixVerdict;
import dev.unstuck.avro.RunDiagnosis;
import dev.unstuck.avro.RunSummary;

/**
 * The codec of each record type on Unstuck's topics: each writes the current schema and reads every
 * published version of it ({@link SchemaHistory}), so producers and consumers can be upgraded one
 * at a time.
 */
public final class Codecs {
  public static final SingleObjectCodec<EpochTelemetry> TELEMETRY =
      SingleObjectCodec.withHistory(
          EpochTelemetry.getClassSchema(), SchemaHistory.of("EpochTelemetry"));
  public static final SingleObjectCodec<RunDiagnosis> RUN_DIAGNOSIS =
      SingleObjectCodec.withHistory(
          RunDiagnosis.getClassSchema(), SchemaHistory.of("RunDiagnosis"));
  public static final SingleObjectCodec<FixVerdict> FIX_VERDICT =
      SingleObjectCodec.withHistory(FixVerdict.getClassSchema(), SchemaHistory.of("FixVerdict"));

  /**
   * Not on a topic: a run as the diagnosis stream job's state store keeps it. Stored state outlives
   * releases as records on topics do, so it keeps a published history the same way.
   */
  public static final SingleObjectCodec<RunSummary> RUN_SUMMARY =
      SingleObjectCodec.withHistory(RunSummary.getClassSchema(), SchemaHistory.of("RunSummary"));

  private Codecs() {}
}
