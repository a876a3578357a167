package dev.unstuck.wire;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.avro.FixVerdict;
import dev.unstuck.avro.RunDiagnosis;

/** The codec of each record type on Unstuck's topics. */
public final class Codecs {
  public static final SingleObjectCodec<EpochTelemetry> TELEMETRY =
      SingleObjectCodec.forSchema(EpochTelemetry.getClassSchema());
  public static final SingleObjectCodec<RunDiagnosis> RUN_DIAGNOSIS =
      SingleObjectCodec.forSchema(RunDiagnosis.getClassSchema());
  public static final SingleObjectCodec<FixVerdict> FIX_VERDICT =
      SingleObjectCodec.forSchema(FixVerdict.getClassSchema());

  private Codecs() {}
}
