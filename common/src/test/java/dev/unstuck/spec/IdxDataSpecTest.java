package dev.unstuck.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code data.format: idx} in a spec: where its labels file is, and what an idx spec may not say.
 */
class IdxDataSpecTest {
  @TempDir Path dir;

  private String spec(String data) {
    return "name: idx\ndata:\n" + data.indent(2) + "model:\n  hidden: [8]\n";
  }

  private SweepSpec parse(String yaml) throws SpecException {
    return SpecParser.parse(yaml, "sweep.yaml", Optional.of(dir));
  }

  private List<String> problems(String yaml) {
    SpecException e = catchThrowableOfType(SpecException.class, () -> parse(yaml));
    assertThat(e).as("expected the spec to be rejected:%n%s", yaml).isNotNull();
    return e.problems().stream().map(SpecProblem::toString).toList();
  }

  @Test
  void theLabelsFileIsFoundBesideTheImagesByItsStandardName() throws Exception {
    Files.writeString(dir.resolve("train-images-idx3-ubyte.gz"), "");
    Files.writeString(dir.resolve("train-labels-idx1-ubyte.gz"), "");

    DataSpec data = parse(spec("path: train-images-idx3-ubyte.gz\nformat: idx\nlimit: 100")).data();

    assertThat(data.path()).isEqualTo(dir.resolve("train-images-idx3-ubyte.gz").toString());
    assertThat(data.labels()).isEqualTo(dir.resolve("train-labels-idx1-ubyte.gz").toString());
    assertThat(data.label()).isNull();
    assertThat(data.limit()).isEqualTo(100);
  }

  @Test
  void aMissingLabelsFileIsNamed() throws IOException {
    Files.writeString(dir.resolve("t10k-images-idx3-ubyte"), "");

    assertThat(problems(spec("path: t10k-images-idx3-ubyte\nformat: idx")))
        .containsExactly(
            "data.labels: missing: no"
                + " labels file '"
                + dir.resolve("t10k-labels-idx1-ubyte")
                + "' beside the images; name it with data.labels"
                + " (line 3)");
  }

  @Test
  void aNonStandardNameNeedsDataLabels() throws Exception {
    Files.writeString(dir.resolve("pictures.gz"), "");
    Files.writeString(dir.resolve("classes.gz"), "");

    assertThat(problems(spec("path: pictures.gz\nformat: idx")))
        .containsExactly(
            "data.labels: missing: the labels"
                + " file of '"
                + dir.resolve("pictures.gz")
                + "' (it is found by itself only under the standard name,"
                + " *images-idx3-ubyte* -> *labels-idx1-ubyte*) (line 3)");
    assertThat(parse(spec("path: pictures.gz\nformat: idx\nlabels: classes.gz")).data().labels())
        .isEqualTo(dir.resolve("classes.gz").toString());
  }

  @Test
  void idxDataHasNoLabelColumnAndOtherDataNoLabelsFile() throws IOException {
    Files.writeString(dir.resolve("train-images-idx3-ubyte"), "");
    Files.writeString(dir.resolve("train-labels-idx1-ubyte"), "");
    Files.writeString(dir.resolve("rows.csv"), "");

    assertThat(problems(spec("path: train-images-idx3-ubyte\nformat: idx\nlabel: last")))
        .containsExactly(
            "data.label: idx data has its labels in a file of their own: name it with data.labels (or leave it to the"
                + " standard name) (line 5)");
    assertThat(problems(spec("path: rows.csv\nlabel: last\nlabels: train-labels-idx1-ubyte")))
        .containsExactly(
            "data.labels: only idx data has a separate labels file (data.format is csv; name the label column with"
                + " data.label) (line 5)");
  }

  @Test
  void aLimitMustBePositive() throws IOException {
    Files.writeString(dir.resolve("rows.csv"), "");

    assertThat(problems(spec("path: rows.csv\nlabel: last\nlimit: 0")))
        .containsExactly("data.limit: must be >= 1 (the number of rows to read), got 0 (line 5)");
  }
}
