package dev.unstuck.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
  private static final Pattern IMG =
      Pattern.compile("<img alt=\"([^\"]*)\" src=\"data:image/png;base64,([^\"]+)\">");

  @Test
  void onePageWithTheAnswerTablesAndInlinePngCharts(@TempDir Path dir) throws Exception {
    Path report =
        ReportWriter.write(ReportFixtures.results(), "baseline + 2 fixes x 2 seeds = 6 runs", dir);
    String html = Files.readString(report);

    assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("{{");
    assertThat(html).contains("<h1>Unstuck: diverging-lr</h1>");
    assertThat(html).contains("DIVERGING is resolved by lr-x0.001");
    // the baseline's symptom: what was measured in the evidence column, the symptom's meaning
    // beside it
    assertThat(html)
        .containsPattern(
            "<td class=\"symptom\">DIVERGING</td><td class=\"num\">2/2</td>"
                + "<td class=\"evidence\">train_loss became NaN at epoch 2 \\(any NaN/Inf diverges\\)"
                + "<br><span class=\"measure\">train_loss, epoch 2: NaN</span></td>"
                + "<td>loss is NaN/Inf or blowing up</td>");
    // one row per fix, saying which symptoms it resolves
    assertThat(html)
        .contains("<td>learningRate: x0.001</td><td class=\"yes\">DIVERGING, NOT_LEARNING</td>");
    assertThat(html.split("<td>learningRate: x0.001</td>", -1)).as("rows of that fix").hasSize(2);
    assertThat(html).contains("<td class=\"no\">nothing</td>");
    // no network: nothing is loaded from anywhere but the page itself
    assertThat(html).doesNotContain("http://", "https://", "<script");

    Matcher img = IMG.matcher(html);
    int charts = 0;
    while (img.find()) {
      byte[] png = Base64.getDecoder().decode(img.group(2));
      assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
      charts++;
    }
    // balanced accuracy + one loss chart per variant
    assertThat(charts).isEqualTo(1 + 3);
    assertThat(html)
        .contains(
            "alt=\"Validation balanced accuracy per epoch\"",
            "alt=\"Loss: baseline\"",
            "alt=\"Loss: lr-x0.001\"",
            "alt=\"Loss: clip-1.0\"");
    assertThat(html).contains("loss NaN or infinite from epoch 2 in some seed (not drawn)");

    // the CSV files hold the tables as stored: db/ResultColumnsIT writes them from the database
    assertThat(dir.resolve("fix_outcome.csv")).exists();
    assertThat(dir.resolve("run_diagnosis.csv")).exists();
  }

  @Test
  void textIsEscaped() {
    // the page quotes its attributes with ", so ' needs no escaping
    assertThat(HtmlReport.escape("<b>&\"' ±")).isEqualTo("&lt;b&gt;&amp;&quot;' &plusmn;");
    assertThat(HtmlReport.escape(null)).isEmpty();
  }
}
