package dev.unstuck.sweep;

import dev.unstuck.spec.SpecParser;
import dev.unstuck.spec.SweepSpec;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class SweepSmokeTest {
  @Test
  void smoke() throws Exception {
    System.setProperty("spark.master", "local[2]");
    SparkSession spark = SparkSetup.session("smoke");
    SweepSpec spec = SpecParser.parse(Path.of("../deploy/examples/diverging-lr.yaml"));
    CollectingSink sink = new CollectingSink();
    SweepResult result = SweepJob.run(spark, spec, sink, null, TrainingSettings.DEFAULTS);
    System.out.println(result.summary());
    sink.records.forEach(r -> System.out.println(r.getRunId() + " e" + r.getEpoch() + " " + r.getStatus()
        + " loss=" + r.getTrainLoss() + " valBal=" + r.getValBalancedAccuracy() + " layers=" + r.getLayers().size()
        + " g0=" + (r.getLayers().isEmpty() ? null : r.getLayers().get(0).getGradientNorm())));
  }
}
