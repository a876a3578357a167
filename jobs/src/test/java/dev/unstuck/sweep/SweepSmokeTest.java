package dev.unstuck.sweep;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.diagnosis.EpochMetrics;
import dev.unstuck.diagnosis.RunDiagnoser;
import dev.unstuck.diagnosis.Thresholds;
import dev.unstuck.spec.SpecParser;
import dev.unstuck.spec.SweepSpec;
import dev.unstuck.verdict.FixJudge;
import dev.unstuck.verdict.RunHistory;
import dev.unstuck.wire.TelemetryMapper;
import java.nio.file.Path;
import java.util.*;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

@EnabledIfSystemProperty(named = "smoke.spec", matches = ".+")
class SweepSmokeTest {
  @Test
  void smoke() throws Exception {
    System.setProperty("spark.master", "local[2]");
    SparkSession spark = SparkSetup.session("smoke");
    SweepSpec spec = SpecParser.parse(Path.of(System.getProperty("smoke.spec")));
    CollectingSink sink = new CollectingSink();
    SweepResult result = SweepJob.run(spark, spec, sink, null, TrainingSettings.DEFAULTS);
    System.out.println(result.summary());
    Map<String, Map<Integer, List<EpochMetrics>>> byVariant = new TreeMap<>();
    Map<String, List<EpochTelemetry>> byRun = sink.records.stream().collect(Collectors.groupingBy(EpochTelemetry::getRunId, TreeMap::new, Collectors.toList()));
    RunDiagnoser diagnoser = new RunDiagnoser(Thresholds.DEFAULTS);
    byRun.forEach((run, recs) -> {
      Map<Integer, EpochMetrics> byEpoch = new TreeMap<>();
      recs.forEach(r -> byEpoch.put(r.getEpoch(), TelemetryMapper.toMetrics(r)));
      List<EpochMetrics> series = new ArrayList<>(byEpoch.values());
      EpochTelemetry last = recs.get(recs.size() - 1);
      System.out.println(run + " " + last.getStatus() + " valBal=" + last.getValBalancedAccuracy() + " acc=" + last.getValAccuracy() + " maj=" + last.getMajorityClassRate() + " loss=" + last.getTrainLoss());
      last.getLayers().forEach(l -> System.out.println("   L" + l.getIndex() + " " + l.getActivation() + " g=" + l.getGradientNorm() + " mag=" + l.getMeanAbsGradient() + " dead=" + l.getDeadFraction() + " sat=" + l.getSaturatedFraction() + " upd=" + l.getUpdateRatio()));
      System.out.println("   -> " + diagnoser.diagnose(series));
      byVariant.computeIfAbsent(last.getVariantId(), k -> new TreeMap<>()).put(last.getSeed(), series);
    });
    FixJudge judge = new FixJudge(Thresholds.DEFAULTS);
    List<RunHistory> base = byVariant.get("baseline").entrySet().stream().map(e -> new RunHistory(e.getKey(), e.getValue())).toList();
    byVariant.forEach((v, seeds) -> {
      if (v.equals("baseline")) return;
      List<RunHistory> fix = seeds.entrySet().stream().map(e -> new RunHistory(e.getKey(), e.getValue())).toList();
      System.out.println("VERDICT " + v + ": " + judge.judge(base, fix));
    });
  }
}
