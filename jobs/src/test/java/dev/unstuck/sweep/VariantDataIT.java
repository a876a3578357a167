package dev.unstuck.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.data.DatasetLoader;
import dev.unstuck.data.EncodedData;
import dev.unstuck.spec.InputNormalization;
import dev.unstuck.spec.SpecParser;
import dev.unstuck.spec.SweepSpec;
import dev.unstuck.testing.LocalSpark;
import dev.unstuck.testing.SweepSpecFiles;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a variant's telemetry says about its data, checked against counts made by hand. */
class VariantDataIT {

  /**
   * Every one of the 178 digits of class 0 gets a NaN pixel; the stratified split holds out
   * floor(178 x 0.2) = 35 of them, so the training split has 143 bad cells - also after
   * standardising, which would spread one NaN over its whole column of 1,442 rows.
   */
  @Test
  void badCellsAreCountedAsTheFileHasThemNotAsScalingSpreadsThem(@TempDir Path dir)
      throws Exception {
    List<String> rows = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(
                    Files.newInputStream(SweepSpecFiles.DATA.resolve("digits.csv.gz"))),
                StandardCharsets.UTF_8))) {
      reader
          .lines()
          .filter(line -> !line.isBlank())
          .forEach(
              line -> {
                String[] cells = line.split(",");
                if (cells[cells.length - 1].equals("0")) {
                  cells[5] = "NaN";
                }
                rows.add(String.join(",", cells));
              });
    }
    Path data = Files.write(dir.resolve("digits-nan.csv"), rows);
    SweepSpec spec =
        SpecParser.parse(
            SweepSpecFiles.write(
                dir,
                "nan.yaml",
                """
        name: nan
        data:
          path: %s
          header: false
          label: last
          nonFinite: report
        training:
          normalizeInputs: standard
        fixes: []
        """
                    .formatted(data)));
    EncodedData encoded = DatasetLoader.load(LocalSpark.session(), spec.data());
    VariantData variantData = new VariantData(encoded, 0.2, 7);

    assertThat(variantData.inputsFor(spec.training()).facts().inputStats().nonFinite())
        .isEqualTo(143);
    assertThat(
            variantData
                .inputsFor(spec.training().withNormalizeInputs(InputNormalization.NONE))
                .facts()
                .inputStats()
                .nonFinite())
        .isEqualTo(143);
  }

  /**
   * Variants asking for the same treatment at once get one preparation between them; closing the
   * sweep's data leaves the executors' cache as it found it.
   */
  @Test
  void oneTreatmentIsPreparedOnceForConcurrentVariantsAndClosingReleasesTheCache(@TempDir Path dir)
      throws Exception {
    SweepSpec spec =
        SpecParser.parse(
            SweepSpecFiles.write(
                dir,
                "shared.yaml",
                """
        name: shared
        data:
          path: %s
          header: false
          label: last
        training:
          normalizeInputs: standard
        fixes: []
        """
                    .formatted(SweepSpecFiles.DATA.resolve("digits.csv.gz"))));
    SparkSession spark = LocalSpark.session();
    int cachedBefore = spark.sparkContext().getPersistentRDDs().size();
    EncodedData encoded = DatasetLoader.load(spark, spec.data());
    VariantData variantData = new VariantData(encoded, 0.2, 7);
    ExecutorService variants = Executors.newFixedThreadPool(3);
    try {
      List<Future<VariantInputs>> asked = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        asked.add(variants.submit(() -> variantData.inputsFor(spec.training())));
      }
      VariantInputs first = asked.get(0).get();
      for (Future<VariantInputs> other : asked) {
        assertThat(other.get()).isSameAs(first);
      }
      variantData.inputsFor(spec.training().withNormalizeInputs(InputNormalization.NONE));
      assertThat(spark.sparkContext().getPersistentRDDs().size()).isGreaterThan(cachedBefore);
    } finally {
      variants.shutdown();
    }

    variantData.close();

    assertThat(spark.sparkContext().getPersistentRDDs().size()).isEqualTo(cachedBefore);
  }
}
