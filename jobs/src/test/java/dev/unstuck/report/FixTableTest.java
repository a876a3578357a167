package dev.unstuck.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.db.EvidenceRow;
import dev.unstuck.db.FixOutcome;
import dev.unstuck.db.RunDiagnosisRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FixTableTest {

  @Test
  void showsTheBaselineWithEvidenceThenEveryFixAndTheAnswer() {
    String table = FixTable.render(ReportFixtures.results());
    System.out.println(table);
    assertThat(table)
        .contains("Baseline (2 seeds): DIVERGED (2), validation balanced accuracy 0.100");
    assertThat(table).contains("DIVERGING (2/2 seeds)");
    assertThat(table).contains("train_loss became NaN at epoch 2");
    List<String> lines = table.lines().toList();
    String header =
        lines.stream()
            .filter(l -> l.contains("family") && l.contains("resolved"))
            .findFirst()
            .orElseThrow();
    int headerIndex = lines.indexOf(header);
    // resolved fixes first, aligned in columns
    assertThat(lines.get(headerIndex + 2))
        .contains("LEARNING_RATE", "learningRate: x0.001", "yes", "+0.865 ± 0.007", "1.5");
    assertThat(lines.get(headerIndex + 2).indexOf("yes")).isEqualTo(header.indexOf("resolved"));
    assertThat(table).contains("GRADIENT_CLIPPING");
    assertThat(table).containsPattern("gradientClip: 1.0 +DIVERGING +no .* never +DIVERGING");
    assertThat(table)
        .contains(
            "DIVERGING is resolved by lr-x0.001 (best: lr-x0.001, balanced accuracy 0.100 -> 0.965).");
  }

  @Test
  void aHealthyBaselineSaysNothingToFix() {
    SweepTables results =
        ReportFixtures.sweep(
            "h",
            List.of(
                ReportFixtures.run(
                    "h",
                    "baseline",
                    "BASELINE",
                    1,
                    8,
                    "FINISHED",
                    "LEARNING",
                    0.97,
                    List.of(),
                    List.of(),
                    true)),
            List.of(
                ReportFixtures.outcome(
                    "h",
                    "l2-0.0001",
                    "REGULARISATION",
                    Map.of("l2", "1e-4"),
                    "NONE",
                    List.of(),
                    1,
                    false,
                    false,
                    0.97,
                    0.968,
                    -0.002,
                    0.0,
                    1.0,
                    List.of())));
    String table = FixTable.render(results);
    assertThat(table)
        .contains(
            "Baseline (1 seed): LEARNING (1)",
            "no symptoms",
            "The baseline learns and shows no symptom: nothing to fix.");
    assertThat(table).containsPattern("REGULARISATION +l2: 1e-4 +NONE +- ");
  }

  @Test
  void aBaselineThatWasNeverDiagnosedIsNotCalledHealthy() {
    // the sweep died before any run reported: no rows at all (issue 9, defect 2)
    SweepTables nothing = ReportFixtures.sweep("x", List.of(), List.of());
    String table = FixTable.render(nothing);
    assertThat(table)
        .doesNotContain("nothing to fix", "no symptoms")
        .contains(
            "Baseline (0 seeds): no diagnosis",
            "The baseline was not diagnosed: there is no verdict.");
    assertThat(HtmlReport.baseline(nothing)).doesNotContain("nothing to fix");

    // one seed diagnosed while it trained, never final: no verdict either
    SweepTables provisional =
        ReportFixtures.sweep(
            "h",
            List.of(
                ReportFixtures.run(
                    "h",
                    "baseline",
                    "BASELINE",
                    1,
                    3,
                    "RUNNING",
                    "LEARNING",
                    0.9,
                    List.of(),
                    List.of(),
                    false)),
            List.of());
    assertThat(provisional.answer())
        .isEqualTo("The baseline's diagnosis did not finish: there is no verdict yet.");
    assertThat(FixTable.render(provisional)).doesNotContain("nothing to fix");
  }

  @Test
  void noSymptomButNotLearningIsSaidWithTheBestFix() {
    List<RunDiagnosisRow> runs =
        List.of(
            ReportFixtures.run(
                "c",
                "baseline",
                "BASELINE",
                1,
                10,
                "FINISHED",
                "NOT_LEARNING",
                0.56,
                List.of(),
                List.of(),
                true),
            ReportFixtures.run(
                "c",
                "baseline",
                "BASELINE",
                2,
                10,
                "FINISHED",
                "LEARNING",
                0.60,
                List.of(),
                List.of(),
                true));
    List<FixOutcome> fixes =
        List.of(
            ReportFixtures.outcome(
                "c",
                "resample-oversample",
                "RESAMPLING",
                Map.of("resample", "oversample"),
                "NONE",
                List.of(),
                2,
                false,
                true,
                0.58,
                0.695,
                0.114,
                0.056,
                3.0,
                List.of()),
            ReportFixtures.outcome(
                "c",
                "resample-undersample",
                "RESAMPLING",
                Map.of("resample", "undersample"),
                "NONE",
                List.of(),
                2,
                false,
                false,
                0.58,
                0.611,
                0.031,
                0.024,
                8.5,
                List.of()));
    SweepTables results = ReportFixtures.sweep("c", runs, fixes);
    assertThat(results.answer())
        .isEqualTo(
            "The baseline raised no symptom, but 1 of 2 seeds did not learn"
                + " (validation balanced accuracy 0.580). Best improvement: resample-oversample, balanced accuracy"
                + " 0.580 -> 0.695 (+0.114 ± 0.056).");
  }

  @Test
  void numbersReadWell() {
    assertThat(Format.number(0.12345)).isEqualTo("0.123");
    assertThat(Format.number(3.4e6)).isEqualTo("3.4e+06");
    assertThat(Format.number(Double.NaN)).isEqualTo("NaN");
    assertThat(Format.number(null)).isEqualTo("-");
    assertThat(Format.delta(-0.05, 0.01)).isEqualTo("-0.050 ± 0.010");
    assertThat(Format.epochs(2.0)).isEqualTo("2");
    assertThat(Format.epochs(null)).isEqualTo("never");
  }

  @Test
  void aMeasurementReadsAsASentence() {
    assertThat(
            Format.measurement(
                new EvidenceRow("DIVERGING", "val_loss", 2, 3, Double.NaN, 1e5, "blew up")))
        .isEqualTo("val_loss, epochs 2-3: NaN (threshold 1.0e+05)");
    assertThat(
            Format.measurement(
                new EvidenceRow("DEAD_UNITS", "dead_fraction", 4, 4, 0.8, null, "80 % dead")))
        .isEqualTo("dead_fraction, epoch 4: 0.800");
    assertThat(Format.measurement(ReportFixtures.said("DIVERGING", "loss NaN"))).isEmpty();
  }

  /**
   * Issue 10: the answer counted a symptom seen in any seed, the verdicts one seen in at least half
   * of them; with three seeds a symptom of one seed printed "no fix tried resolved it" and had no
   * verdict row. One rule now.
   */
  @Test
  void aSymptomOfOneSeedInThreeIsNotTheBaselines() {
    List<RunDiagnosisRow> runs = new ArrayList<>();
    for (int seed = 1; seed <= 3; seed++) {
      List<EvidenceRow> evidence =
          seed == 3
              ? List.of(
                  ReportFixtures.said("NOT_LEARNING", "flat"),
                  ReportFixtures.said("DEAD_UNITS", "80 % dead"))
              : List.of(ReportFixtures.said("NOT_LEARNING", "flat"));
      runs.add(
          ReportFixtures.run(
              "m",
              "baseline",
              "BASELINE",
              seed,
              8,
              "FINISHED",
              "NOT_LEARNING",
              0.1,
              evidence,
              List.of(),
              true));
    }
    List<FixOutcome> fixes =
        List.of(
            ReportFixtures.outcome(
                "m",
                "lr-x0.1",
                "LEARNING_RATE",
                Map.of("learningRate", "x0.1"),
                "NOT_LEARNING",
                List.of("NOT_LEARNING"),
                3,
                true,
                true,
                0.1,
                0.9,
                0.8,
                0.01,
                2.0,
                List.of()));
    SweepTables results = ReportFixtures.sweep("m", runs, fixes);

    assertThat(results.baselineSymptoms())
        .extracting(SweepTables.BaselineSymptom::symptom)
        .containsExactly("NOT_LEARNING");
    assertThat(results.answer())
        .doesNotContain("DEAD_UNITS")
        .contains("NOT_LEARNING is resolved by lr-x0.1");
  }

  @Test
  void aFailedBaselineSeedIsNamedAndNotCountedAmongTheDiagnosedSeeds() {
    SweepTables results =
        ReportFixtures.sweep(
            "f",
            List.of(
                ReportFixtures.run(
                    "f",
                    "baseline",
                    "BASELINE",
                    1,
                    8,
                    "FINISHED",
                    "NOT_LEARNING",
                    0.1,
                    List.of(ReportFixtures.said("NOT_LEARNING", "flat")),
                    List.of(),
                    true),
                ReportFixtures.run(
                    "f",
                    "baseline",
                    "BASELINE",
                    2,
                    1,
                    "FAILED",
                    "FAILED",
                    null,
                    List.of(),
                    List.of(),
                    true)),
            List.of());

    String table = FixTable.render(results);
    assertThat(table).contains("FAILED (1)", "NOT LEARNING (1)", "NOT_LEARNING (1/1 seeds)");
  }

  @Test
  void aBaselineWhoseEverySeedFailedIsNotCalledHealthy() {
    SweepTables results =
        ReportFixtures.sweep(
            "f",
            List.of(
                ReportFixtures.run(
                    "f",
                    "baseline",
                    "BASELINE",
                    1,
                    1,
                    "FAILED",
                    "FAILED",
                    null,
                    List.of(),
                    List.of(),
                    true)),
            List.of());

    assertThat(results.baselineHealthy()).isFalse();
    assertThat(FixTable.render(results))
        .doesNotContain("nothing to fix", "no symptoms")
        .contains("Every seed of the baseline FAILED");
  }

  /**
   * Issue 10: a healthy baseline comes out healthy; a fix that beats it is an improvement with its
   * delta, not a resolution; unnormalised inputs on a model that learns are a hint, not a symptom.
   */
  @Test
  void aHealthyBaselineShowsItsHintsAndAFixThatBeatsItAsAnImprovement() {
    List<RunDiagnosisRow> runs = new ArrayList<>();
    for (int seed = 1; seed <= 2; seed++) {
      runs.add(
          ReportFixtures.run(
              "h",
              "baseline",
              "BASELINE",
              seed,
              8,
              "FINISHED",
              "LEARNING",
              0.90,
              List.of(),
              List.of(
                  new EvidenceRow(
                      "DATA_PIPELINE_ERROR",
                      "max_abs_feature_mean",
                      1,
                      8,
                      250.0,
                      10.0,
                      "input features are unnormalised: largest |mean| 250, largest std 1000 (> 10)")),
              true));
    }
    List<FixOutcome> fixes =
        List.of(
            ReportFixtures.outcome(
                "h",
                "normalize-standard",
                "NORMALISATION",
                Map.of("normalizeInputs", "standard"),
                "NONE",
                List.of(),
                2,
                false,
                true,
                0.90,
                0.95,
                0.05,
                0.01,
                1.0,
                List.of()),
            ReportFixtures.outcome(
                "h",
                "l2-0.0001",
                "REGULARISATION",
                Map.of("l2", "1e-4"),
                "NONE",
                List.of(),
                2,
                false,
                false,
                0.90,
                0.901,
                0.001,
                0.002,
                1.0,
                List.of()));
    SweepTables results = ReportFixtures.sweep("h", runs, fixes);

    String table = FixTable.render(results);
    assertThat(results.baselineHealthy()).isTrue();
    assertThat(table)
        .contains(
            "Baseline (2 seeds): LEARNING (2)",
            "no symptoms",
            "hint: DATA_PIPELINE_ERROR (2/2 seeds)",
            "input features are unnormalised");
    assertThat(table)
        .containsPattern(
            "NORMALISATION +normalizeInputs: standard +NONE +improves +0.950 +\\+0.050");
    assertThat(table).containsPattern("REGULARISATION +l2: 1e-4 +NONE +- ");
    assertThat(table)
        .doesNotContain("resolved by")
        .doesNotContainPattern("(?m)^  DATA_PIPELINE_ERROR");
    assertThat(results.answer())
        .isEqualTo(
            "The baseline learns and shows no symptom: nothing to fix. Improvement"
                + " (not a fix, nothing was broken): normalize-standard, balanced accuracy 0.900 -> 0.950 (+0.050 ± 0.010).");
    assertThat(HtmlReport.baseline(results)).contains("hint", "input features are unnormalised");
  }
}
