package dev.unstuck.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.unstuck.avro.EpochTelemetry;
import dev.unstuck.avro.LayerStats;
import dev.unstuck.avro.RunStatus;
import dev.unstuck.data.DataException;
import dev.unstuck.data.DatasetLoader;
import dev.unstuck.diagnosis.Symptom;
import dev.unstuck.fix.PlannedRun;
import dev.unstuck.fix.SweepExpander;
import dev.unstuck.spec.SpecParser;
import dev.unstuck.spec.SweepSpec;
import dev.unstuck.spec.TrainingSpec;
import dev.unstuck.testing.LocalSpark;
import dev.unstuck.testing.PlainDl4j;
import dev.unstuck.testing.SweepSpecFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Graphs as the baseline, in both training modes: the functional Keras model with two branches
 * ({@code models/keras-functional-digits.json}, shipped as the example {@code
 * keras-functional-digits.yaml}) on the shipped digits with a learning rate far too high, diagnosed
 * and fixed, every run's numbers those of the same graph written with DL4J's GraphBuilder and
 * trained by plain DL4J; and the DL4J ComputationGraph fixture trained data-parallel.
 */
class ImportedGraphIT {
  private static final Path EXAMPLE =
      Path.of("..", "deploy", "examples", "keras-functional-digits.yaml")
          .toAbsolutePath()
          .normalize();

  /**
   * The example {@code deploy/examples/keras-functional-digits.yaml} as it ships: its first line's
   * numbers are this test's.
   */
  @Test
  void aFunctionalKerasModelIsDiagnosedAndFixedAsPlainDl4jTrainsTheSameGraph() throws Exception {
    SparkSession spark = LocalSpark.session();
    SweepSpec sweep = SpecParser.parse(EXAMPLE);
    assertThat(Files.readString(Path.of(sweep.model().importedModel().orElseThrow().path())))
        .as("the example's model is the fixture KerasBranchesReference describes")
        .isEqualTo(
            Files.readString(ImportedNetworkTest.MODELS.resolve("keras-functional-digits.json")));
    CollectingSink sink = new CollectingSink();

    SweepResult result = SweepJob.run(spark, sweep, sink, null, TrainingSettings.DEFAULTS);

    assertThat(result.allReachedFinalState()).isTrue();
    VariantData data =
        new VariantData(
            DatasetLoader.load(spark, sweep.data()),
            sweep.data().validation(),
            sweep.data().splitSeed());
    for (PlannedRun run : SweepExpander.expand(sweep).runs()) {
      TrainingSpec training = run.variant().config().training();
      VariantInputs inputs = data.inputsFor(training);
      PlainDl4j.Result reference =
          PlainDl4j.train(
              KerasBranchesReference.graph(training.learningRate(), run.seed()),
              inputs.train(),
              inputs.validation(),
              training.batchSize(),
              run.seed(),
              training.epochs());
      EpochTelemetry last = TrainingFidelityIT.last(sink.records, run.runId());
      System.out.printf(
          "%s: %s, sweep %s, plain DL4J %.4f (loss %s / %s)%n",
          run.runId(),
          last.getStatus(),
          last.getValBalancedAccuracy(),
          reference.validationBalancedAccuracy(),
          last.getTrainLoss(),
          reference.trainLoss());
      if (run.variant().isBaseline()) {
        assertThat(reference.trainLoss()).as("plain DL4J: at rate 10 the loss blows up").isNaN();
        assertThat(last.getStatus()).as(run.runId()).isEqualTo(RunStatus.DIVERGED);
      } else {
        assertThat(reference.validationBalancedAccuracy())
            .as("plain DL4J: rate 0.1 learns")
            .isGreaterThan(0.85);
        assertThat(last.getValBalancedAccuracy())
            .as(run.runId())
            .isCloseTo(reference.validationBalancedAccuracy(), within(1e-9));
        assertThat(last.getTrainLoss())
            .as(run.runId())
            .isCloseTo(reference.trainLoss(), within(1e-6));
        // the probe measured every layer vertex of the graph, the output last
        assertThat(last.getLayers())
            .extracting(LayerStats::getKind)
            .containsExactly("dense", "dense", "output");
        assertThat(last.getLayers()).extracting(LayerStats::getUnits).containsExactly(32, 16, 10);
        assertThat(last.getLayers()).allSatisfy(l -> assertThat(l.getGradientNorm()).isPositive());
      }
    }
    Verdicts verdicts = new Verdicts(sink.records);
    System.out.printf(
        "baseline %s; lr-x0.01 %s%n", verdicts.baselineSymptoms(), verdicts.judge("lr-x0.01"));
    assertThat(verdicts.baselineLearning()).isFalse();
    assertThat(verdicts.baselineSymptoms()).contains(Symptom.DIVERGING);
    assertThat(verdicts.resolvedBy("lr-x0.01")).contains(Symptom.DIVERGING);
  }

  /**
   * The same ComputationGraphConfiguration goes to DL4J's SparkComputationGraph with the
   * parameter-averaging training master: an imported graph trains data-parallel and is probed.
   */
  @Test
  void aDl4jComputationGraphTrainsDataParallel(@TempDir Path dir) throws Exception {
    List<EpochTelemetry> lasts =
        ImportedModelIT.trainedDataParallel(
            dir, ImportedNetworkTest.MODELS.resolve("dl4j-graph-digits.json"));

    for (EpochTelemetry last : lasts) {
      assertThat(last.getLayers())
          .extracting(LayerStats::getKind)
          .containsExactly("dense", "dense", "output");
      assertThat(last.getLayers()).allSatisfy(l -> assertThat(l.getUpdateRatio()).isPositive());
    }
  }

  @Test
  void aGraphForOtherDataIsOneErrorBeforeAnythingTrains(@TempDir Path dir) throws Exception {
    // the digits graph (64 inputs, 10 classes) on wine (13 columns, 3 classes)
    SweepSpec sweep =
        SpecParser.parse(
            SweepSpecFiles.write(
                dir,
                "graph-wine.yaml",
                """
        name: graph-wine
        data:
          path: %s
          label: label
        model:
          keras: %s
        training:
          epochs: 2
          seeds: 1
        fixes:
          - learningRate: [x0.1]
        """
                    .formatted(
                        SweepSpecFiles.DATA.resolve("wine.csv.gz"),
                        ImportedNetworkTest.MODELS.resolve("keras-functional-digits.json"))));
    CollectingSink sink = new CollectingSink();

    assertThatThrownBy(
            () -> SweepJob.run(LocalSpark.session(), sweep, sink, null, TrainingSettings.DEFAULTS))
        .isInstanceOf(DataException.class)
        .hasMessageMatching(
            "model\\.keras: layer '(wide|narrow)' \\(DenseLayer\\) takes 64 inputs \\(nIn\\), but the"
                + " data has 13 feature columns");
    assertThat(sink.records).as("nothing trained").isEmpty();
  }
}
