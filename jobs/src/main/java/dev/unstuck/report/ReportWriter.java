package dev.unstuck.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a sweep's results folder: {@code fix_outcome.csv}, {@code run_diagnosis.csv} and {@code
 * report.html}.
 */
public final class ReportWriter {
  public static final String FIX_OUTCOME_CSV = "fix_outcome.csv";
  public static final String RUN_DIAGNOSIS_CSV = "run_diagnosis.csv";
  public static final String REPORT_HTML = "report.html";

  private ReportWriter() {}

  /** Writes the three files into {@code dir} (created if needed); returns the report's path. */
  public static Path write(SweepTables results, String summary, Path dir) {
    try {
      Files.createDirectories(dir);
      Csv.write(results.fixOutcomeTable(), dir.resolve(FIX_OUTCOME_CSV));
      Csv.write(results.runDiagnosisTable(), dir.resolve(RUN_DIAGNOSIS_CSV));
      Path report = dir.resolve(REPORT_HTML);
      Files.writeString(report, HtmlReport.render(results, summary), StandardCharsets.UTF_8);
      return report;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the results to " + dir, e);
    }
  }
}
