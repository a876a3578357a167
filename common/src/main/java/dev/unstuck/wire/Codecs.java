package dev.unstuck.wire;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.avro.FixVerdict;
import dev.unstuck.avro.RunDiagnosis;

/**
 * The codec of each record type on Unstuck's topics: each writes the current schema and reads every published
 * version of it ({@link SchemaHistory}), so producers and consumers can be upgraded one at a time.
 */
public final class Codecs {
  public static final SingleObjectCodec<EpochTelemetry> TELEMETRY =
      SingleObjectCodec.withHistory(EpochTelemetry.getClassSchema(), SchemaHistory.of("EpochTelemetry"));
  public static final SingleObjectCodec<RunDiagnosis> RUN_DIAGNOSIS =
      SingleObjectCodec.withHistory(RunDiagnosis.getClassSchema(), SchemaHistory.of("RunDiagnosis"));
  public static final SingleObjectCodec<FixVerdict> FIX_VERDICT =
      SingleObjectCodec.withHistory(FixVerdict.getClassSchema(), SchemaHistory.of("FixVerdict"));

  private Codecs() {}
}
