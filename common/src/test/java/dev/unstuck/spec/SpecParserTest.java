package dev.unstuck.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.unstuck.fix.Fix;
import dev.unstuck.fix.FixSelection;
import dev.unstuck.testing.Specs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecParserTest {

  private static SweepSpec parse(String yaml) throws SpecException {
    return SpecParser.parse(yaml, "sweep.yaml", Optional.empty());
  }

  private static SweepSpec parse(Specs spec) throws SpecException {
    return parse(spec.yaml());
  }

  private static List<SpecProblem> problems(String yaml) {
    SpecException e = catchThrowableOfType(SpecException.class, () -> parse(yaml));
    assertThat(e).as("expected the spec to be rejected:%n%s", yaml).isNotNull();
    return e.problems();
  }

  private static List<SpecProblem> problems(Specs spec) {
    return problems(spec.yaml());
  }

  /** The single problem, as "path: message" (no line). */
  private static String problem(Specs spec) {
    List<SpecProblem> problems = problems(spec);
    assertThat(problems).hasSize(1);
    return problems.get(0).path() + ": " + problems.get(0).message();
  }

  // ----------------------------------------------------------------------------------------------------------
  // The issue's example

  @Test
  void theIssueExampleParsesWithTypedValues() throws SpecException {
    SweepSpec spec = parse(Specs.ISSUE_EXAMPLE);

    assertThat(spec.name()).isEqualTo("churn-baseline");

    DataSpec data = spec.data();
    assertThat(data.path()).isEqualTo("data/churn.csv.gz");
    assertThat(data.format()).isEqualTo(DataFormat.CSV);
    assertThat(data.header()).isTrue();
    assertThat(data.label()).isEqualTo("churn");
    assertThat(data.features()).isEmpty();
    assertThat(data.validation()).isEqualTo(0.2);

    ModelSpec model = spec.model();
    assertThat(model.hidden()).containsExactly(64, 64);
    assertThat(model.activation()).isEqualTo(Activation.SIGMOID);
    assertThat(model.init()).isEqualTo(WeightInit.NORMAL);
    assertThat(model.loss()).isEqualTo(LossFunction.MCXENT);
    assertThat(model.dropout()).isEqualTo(0.0);
    assertThat(model.l1()).isEqualTo(0.0);
    assertThat(model.l2()).isEqualTo(0.0);
    assertThat(model.batchNorm()).isFalse();

    TrainingSpec training = spec.training();
    assertThat(training.optimizer()).isEqualTo(Optimizer.SGD);
    assertThat(training.learningRate()).isEqualTo(0.5);
    assertThat(training.batchSize()).isEqualTo(64);
    assertThat(training.epochs()).isEqualTo(30);
    assertThat(training.gradientClip()).isEqualTo(0.0);
    assertThat(training.normalizeInputs()).isEqualTo(InputNormalization.NONE);
    assertThat(training.seeds()).isEqualTo(3);
    assertThat(training.workers()).isEqualTo(2);

    assertThat(spec.fixes()).isEqualTo(FixSelection.AUTO);
    assertThat(spec.baseline()).isEqualTo(new RunConfig(model, training));
  }

  @Test
  void theIssueExampleGetsTheDefaultsItDoesNotSet() throws SpecException {
    SweepSpec spec = parse(Specs.ISSUE_EXAMPLE);

    assertThat(spec.data().splitSeed()).isEqualTo(7);
    assertThat(spec.data().nonFinite()).isEqualTo(NonFinitePolicy.REPORT);
    assertThat(spec.training().lrSchedule()).isEqualTo(LrSchedule.NONE);
    assertThat(spec.training().gradientClipValue()).isEqualTo(0.0);
    assertThat(spec.training().resample()).isEqualTo(Resampling.NONE);
    assertThat(spec.training().inputNoise()).isEqualTo(0.0);
    assertThat(spec.training().earlyStopping()).isEqualTo(0);
  }

  @Test
  void aMinimalSpecGetsEveryDefault() throws SpecException {
    SweepSpec spec =
        parse(
            """
        name: minimal
        data:
          path: s3a://bucket/train.parquet
          label: y
        """);

    assertThat(spec.data().format()).isEqualTo(DataFormat.CSV);
    assertThat(spec.data().header()).isTrue();
    assertThat(spec.data().validation()).isEqualTo(0.2);
    assertThat(spec.model())
        .isEqualTo(
            new ModelSpec(
                List.of(64, 64),
                Activation.RELU,
                WeightInit.XAVIER,
                LossFunction.MCXENT,
                0,
                0,
                0,
                false));
    assertThat(spec.training())
        .isEqualTo(
            new TrainingSpec(
                Optimizer.SGD,
                0.1,
                LrSchedule.NONE,
                64,
                20,
                0,
                0,
                InputNormalization.NONE,
                Resampling.NONE,
                0,
                0,
                3,
                2));
    assertThat(spec.fixes().auto()).isTrue();
  }

  @Test
  void explicitFixesAreParsedInOrder() throws SpecException {
    SweepSpec spec =
        parse(
            Specs.valid()
                .fixes(
                    "learningRate: [x0.1, x0.01]",
                    "dropout: 0.5",
                    "{resample: [classWeights], gradientClip: [1.0]}"));

    assertThat(spec.fixes().auto()).isFalse();
    assertThat(spec.fixes().explicit())
        .extracting(Fix::id)
        .containsExactly(
            "lr-x0.1", "lr-x0.01", "dropout-0.5", "resample-classweights", "clip-norm-1.0");
  }

  @Test
  void enumNamesIgnoreCaseAndSeparators() throws SpecException {
    SweepSpec spec =
        parse(
            Specs.valid()
                .set("model.activation", "LeakyReLU")
                .set("training.resample", "class-weights")
                .set("training.optimizer", "ADAM")
                .set("training.normalizeInputs", "minMax")
                .set("data.nonFinite", "drop"));

    assertThat(spec.model().activation()).isEqualTo(Activation.LEAKYRELU);
    assertThat(spec.training().resample()).isEqualTo(Resampling.CLASS_WEIGHTS);
    assertThat(spec.training().optimizer()).isEqualTo(Optimizer.ADAM);
    assertThat(spec.training().normalizeInputs()).isEqualTo(InputNormalization.MINMAX);
    assertThat(spec.data().nonFinite()).isEqualTo(NonFinitePolicy.DROP);
  }

  @ParameterizedTest
  @CsvSource({
    "true, STANDARD",
    "false, NONE",
    "standard, STANDARD",
    "minmax, MINMAX",
    "none, NONE"
  })
  void normalizeInputsTakesABooleanOrAMethod(String value, InputNormalization expected)
      throws SpecException {
    assertThat(
            parse(Specs.valid().set("training.normalizeInputs", value))
                .training()
                .normalizeInputs())
        .isEqualTo(expected);
  }

  @Test
  void aSingleHiddenWidthIsAOneLayerList() throws SpecException {
    assertThat(parse(Specs.valid().set("model.hidden", "32")).model().hidden()).containsExactly(32);
  }

  // ----------------------------------------------------------------------------------------------------------
  // One mistake each: path and message exactly

  @Test
  void negativeLearningRate() {
    assertThat(problem(Specs.valid().set("training.learningRate", "-1")))
        .isEqualTo("training.learningRate: must be > 0, got -1");
    assertThat(problem(Specs.valid().autoFixes().set("training.learningRate", "0")))
        .isEqualTo("training.learningRate: must be > 0, got 0");
  }

  @Test
  void misspeltActivationIsSuggested() {
    assertThat(problem(Specs.valid().set("model.activation", "relux")))
        .isEqualTo("model.activation: unknown 'relux' (did you mean relu?)");
  }

  @Test
  void anUnrecognisableNameListsTheChoices() {
    assertThat(problem(Specs.valid().set("model.activation", "banana")))
        .isEqualTo(
            "model.activation: unknown 'banana' (expected one of relu, leakyrelu, elu, tanh, sigmoid, softplus, identity)");
  }

  @Test
  void dropoutFixOutOfRange() {
    assertThat(
            problem(Specs.valid().fixes("learningRate: [x0.1]", "hidden: [x2]", "dropout: [1.5]")))
        .isEqualTo("fixes[2].dropout: 1.5 not in [0, 1)");
  }

  @Test
  void modelDropoutOutOfRange() {
    assertThat(problem(Specs.valid().set("model.dropout", "1")))
        .isEqualTo("model.dropout: 1 not in [0, 1)");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "training.epochs|0|training.epochs: must be in [1, 100000], got 0",
        "training.seeds|101|training.seeds: must be in [1, 100], got 101",
        "training.batchSize|0|training.batchSize: must be >= 1, got 0",
        "training.workers|0|training.workers: must be >= 1, got 0",
        "training.earlyStopping|-2|training.earlyStopping: must be >= 0 (0 = off), got -2",
        "model.l2|-0.1|model.l2: must be >= 0, got -0.1",
        "model.hidden|[64, 0]|model.hidden: layer widths must be >= 1, got 0",
        "data.validation|1.0|data.validation: 1 not in (0, 1): the held-out fraction",
        "data.validation|0|data.validation: 0 not in (0, 1): the held-out fraction",
        "training.epochs|ten|training.epochs: expected an integer, got 'ten'",
        "data.header|maybe|data.header: expected true or false, got 'maybe'",
        "model.hidden|[a, 2]|model.hidden: expected a list of integers, got 'a'",
        "training.learningRate|.nan|training.learningRate: expected a number, got '.nan'",
        "name|my sweep/1|name: 'my sweep/1' must be letters, digits, '.', '_' or '-' (it becomes part of run ids and paths)"
      })
  void valueOutOfRangeOrOfTheWrongType(String path, String value, String expected) {
    assertThat(problem(Specs.valid().set(path, value))).isEqualTo(expected);
  }

  @Test
  void unknownKeysAreRejectedWithASuggestion() {
    assertThat(problem(Specs.valid().set("training.learningrate", "0.1")))
        .isEqualTo("training.learningrate: unknown key (did you mean learningRate?)");
    assertThat(problem(Specs.valid().set("fixs", "auto")))
        .isEqualTo("fixs: unknown key (did you mean fixes?)");
  }

  @Test
  void anUnknownKeyFarFromAnyKnownOneListsThem() {
    assertThat(problem(Specs.valid().set("data.colour", "blue")))
        .isEqualTo(
            "data.colour: unknown key "
                + "(expected one of path, format, header, label, shape, limit, labels, features, validation, seed, nonFinite, delimiter, encoding)");
  }

  @Test
  void anUnknownFixIsSuggested() {
    assertThat(problem(Specs.valid().fixes("dropot: [0.5]")))
        .isEqualTo("fixes[0]: unknown fix 'dropot' (did you mean dropout?)");
  }

  @Test
  void anInvalidFixSettingNamesItsPath() {
    assertThat(problem(Specs.valid().fixes("learningRate: [x1]")))
        .isEqualTo("fixes[0].learningRate: 'x1' changes nothing");
  }

  @Test
  void fixesMustBeAutoOrAList() {
    assertThat(problem(Specs.valid().rawFixes("everything")))
        .isEqualTo("fixes: expected 'auto' or a list like '- learningRate: [x0.1]'");
    assertThat(problem(Specs.valid().fixes("x0.1")))
        .isEqualTo("fixes[0]: expected 'key: [settings]', e.g. 'learningRate: [x0.1]'");
  }

  @Test
  void aDuplicateFixIsRejected() {
    assertThat(problem(Specs.valid().fixes("learningRate: [x0.1]", "learningRate: [X0.1]")))
        .isEqualTo("fixes[1].learningRate: 'X0.1' repeats fixes[0].learningRate 'x0.1'");
    assertThat(problem(Specs.valid().fixes("dropout: [0.5, 0.5]")))
        .isEqualTo("fixes[0].dropout: '0.5' repeats fixes[0].dropout '0.5'");
  }

  @Test
  void theSameChangeSpelledTwoWaysIsADuplicate() {
    assertThat(problem(Specs.valid().fixes("l2: [1e-3, 0.001]")))
        .isEqualTo("fixes[0].l2: '0.001' repeats fixes[0].l2 '1e-3'");
  }

  @Test
  void aFixEqualToTheBaselineIsRejected() {
    assertThat(problem(Specs.valid().fixes("activation: [relu]")))
        .isEqualTo("fixes[0].activation: 'relu' is what the baseline already has");
    assertThat(
            problem(
                Specs.valid()
                    .set("training.optimizer", "nesterovs")
                    .fixes("optimizer: [nesterovs]")))
        .isEqualTo("fixes[0].optimizer: 'nesterovs' is what the baseline already has");
  }

  /**
   * Adam is adaptive, so switching to it also resets the rate: the switch must still count as "the
   * same".
   */
  @Test
  void anAdaptiveOptimizerEqualToTheBaselinesIsRejectedThoughTheRateWouldChange() {
    assertThat(
            problem(
                Specs.valid()
                    .set("training.optimizer", "adam")
                    .set("training.learningRate", "0.01")
                    .fixes("optimizer: [adam]")))
        .isEqualTo("fixes[0].optimizer: 'adam' is what the baseline already has");
  }

  @Test
  void aFixWithAnEmptyListOfSettingsIsRejected() {
    assertThat(problem(Specs.valid().fixes("l2: []")))
        .isEqualTo("fixes[0].l2: an empty list tries nothing: give at least one setting");
  }

  @Test
  void aDuplicateYamlKeyIsRejected() {
    String yaml = Specs.valid().yaml().replace("  epochs: 5\n", "  epochs: 5\n  epochs: 6\n");

    assertThat(problems(yaml))
        .extracting(SpecProblem::path, SpecProblem::message)
        .containsExactly(tuple("training.epochs", "duplicate key"));
  }

  /**
   * A list or mapping used as a key: one problem with the key as the user wrote it, not SnakeYAML's
   * node dump.
   */
  @Test
  void aComplexKeyIsOneProblemWithItsLine() {
    String yaml = Specs.valid().yaml() + "? [a, b]\n: 1\n";

    assertThat(problems(yaml))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.toString()).doesNotContain("Node");
              assertThat(p.path()).isEmpty();
              assertThat(p.message())
                  .isEqualTo("a key must be a plain name, not a list ('[a, b]')");
              assertThat(p.line()).isEqualTo(yaml.split("\n").length - 1);
            });
  }

  @Test
  void aMappingAsKeyInsideASectionNamesTheSection() {
    String yaml = Specs.valid().yaml().replace("data:\n", "data:\n  {a: 1}: x\n");

    assertThat(problems(yaml))
        .extracting(SpecProblem::path, SpecProblem::message, SpecProblem::line)
        .containsExactly(tuple("data", "a key must be a plain name, not a mapping ('{a: 1}')", 3));
  }

  @Test
  void aComplexKeyInAFixIsOneProblem() {
    assertThat(problem(Specs.valid().fixes("[l2]: [0.1]")))
        .isEqualTo("fixes[0]: a key must be a plain name, not a list ('[l2]')");
  }

  @Test
  void missingDataPathAndLabel() {
    Specs spec = Specs.valid().remove("data.path").remove("data.label");

    assertThat(problems(spec))
        .extracting(SpecProblem::path, SpecProblem::message)
        .containsExactlyInAnyOrder(tuple("data.path", "missing"), tuple("data.label", "missing"));
  }

  @Test
  void missingDataSectionSaysWhatIsNeeded() {
    assertThat(problems(Specs.valid().remove("data")))
        .extracting(SpecProblem::path, SpecProblem::message)
        .contains(
            tuple(
                "data",
                "missing: where the dataset is (data.path) and its label column (data.label)"));
  }

  @Test
  void missingName() {
    assertThat(problem(Specs.valid().remove("name"))).isEqualTo("name: missing");
  }

  @Test
  void aHeaderlessCsvNamesItsLabelByIndexOrLast() throws SpecException {
    assertThat(problem(Specs.valid().set("data.header", "false").set("data.label", "churn")))
        .isEqualTo(
            "data.label: 'churn': a CSV without a header names its label by 0-based column index or 'last'");
    assertThat(
            parse(Specs.valid().set("data.header", "false").set("data.label", "last"))
                .data()
                .label())
        .isEqualTo("last");
    assertThat(
            parse(Specs.valid().set("data.header", "false").set("data.label", "4")).data().label())
        .isEqualTo("4");
  }

  @Test
  void theHeaderRuleIsForCsvOnly() throws SpecException {
    assertThat(
            parse(Specs.valid().set("data.format", "parquet").set("data.header", "false"))
                .data()
                .label())
        .isEqualTo("label");
  }

  // ----------------------------------------------------------------------------------------------------------
  // All at once, with lines

  @Test
  void fiveMistakesAreAllReportedWithTheirPaths() {
    Specs spec =
        Specs.issueExample()
            .remove("data.label")
            .set("model.activation", "relux")
            .set("training.learningRate", "-1")
            .set("training.epoch", "3")
            .fixes("learningRate: [x0.1]", "hidden: [x2]", "dropout: [1.5]");

    List<SpecProblem> problems = problems(spec);

    assertThat(problems)
        .extracting(SpecProblem::path, SpecProblem::message)
        .containsExactlyInAnyOrder(
            tuple("data.label", "missing"),
            tuple("model.activation", "unknown 'relux' (did you mean relu?)"),
            tuple("training.learningRate", "must be > 0, got -1"),
            tuple("training.epoch", "unknown key (did you mean epochs?)"),
            tuple("fixes[2].dropout", "1.5 not in [0, 1)"));
    assertThat(problems)
        .filteredOn(p -> p.path().equals("training.learningRate"))
        .singleElement()
        .extracting(SpecProblem::line)
        .isEqualTo(spec.lineOf("training.learningRate"));
    assertThat(problems)
        .filteredOn(p -> p.path().equals("model.activation"))
        .singleElement()
        .extracting(SpecProblem::line)
        .isEqualTo(spec.lineOf("model.activation"));
    assertThat(problems)
        .filteredOn(p -> p.path().equals("fixes[2].dropout"))
        .singleElement()
        .extracting(SpecProblem::line)
        .isEqualTo(spec.lineOf("fixes[2]"));
  }

  @Test
  void theExceptionMessageListsEveryProblem() {
    SpecException e =
        catchThrowableOfType(
            SpecException.class,
            () ->
                SpecParser.parse(
                    Specs.valid()
                        .set("training.learningRate", "-1")
                        .set("model.activation", "relux")
                        .yaml(),
                    "my-sweep.yaml",
                    Optional.empty()));

    assertThat(e.source()).isEqualTo("my-sweep.yaml");
    assertThat(e.getMessage())
        .isEqualTo(
            "my-sweep.yaml: 2 problems\n"
                + "  model.activation: unknown 'relux' (did you mean relu?) (line 9)\n"
                + "  training.learningRate: must be > 0, got -1 (line 12)");
  }

  @Test
  void brokenYamlNamesTheLine() {
    String yaml =
        """
        name: x
        data:
          path: a.csv
          label: [y
        model:
          hidden: [1]
        """;

    List<SpecProblem> problems = problems(yaml);

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).path()).isEmpty();
    assertThat(problems.get(0).message()).startsWith("broken YAML: ");
    // the unclosed '[' of line 4 is noticed at line 5
    assertThat(problems.get(0).line()).isEqualTo(5);
  }

  @Test
  void aTabIndentNamesItsLine() {
    List<SpecProblem> problems = problems("name: x\ndata:\n\tpath: a.csv\n");

    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message()).startsWith("broken YAML: ").contains("TAB");
              assertThat(p.line()).isEqualTo(3);
            });
  }

  @Test
  void anEmptySpec() {
    assertThat(problems("")).extracting(SpecProblem::message).containsExactly("the spec is empty");
    assertThat(problems("# only a comment\n"))
        .extracting(SpecProblem::message)
        .containsExactly("the spec is empty");
  }

  @Test
  void aSpecThatIsNotAMapping() {
    assertThat(problems("- a\n- b\n"))
        .extracting(SpecProblem::path, SpecProblem::message)
        .containsExactly(
            tuple(
                "",
                "not a sweep spec: expected YAML keys such as 'name:', 'data:', 'model:', got a list"));
  }

  // ----------------------------------------------------------------------------------------------------------
  // Data paths

  @Test
  void aRelativeDataPathResolvesAgainstTheSpecsFolder(@TempDir Path folder) throws SpecException {
    Specs spec = Specs.valid();
    Path data = spec.createDataFile(folder);

    assertThat(spec.parseIn(folder).data().path()).isEqualTo(data.toString());
  }

  @Test
  void aDataPathThatDoesNotExist(@TempDir Path folder) {
    SpecException e =
        catchThrowableOfType(SpecException.class, () -> Specs.valid().parseIn(folder));

    assertThat(e.problems())
        .extracting(SpecProblem::path, SpecProblem::message)
        .containsExactly(
            tuple("data.path", "no such file '" + folder.resolve("data/train.csv") + "'"));
  }

  @Test
  void anAbsoluteDataPathIsCheckedAsIs(@TempDir Path folder) throws SpecException, IOException {
    Path data = Files.createFile(folder.resolve("abs.csv"));

    assertThat(
            Specs.valid()
                .set("data.path", data.toString())
                .parseIn(folder.resolve("elsewhere"))
                .data()
                .path())
        .isEqualTo(data.toString());
    assertThat(
            catchThrowableOfType(
                    SpecException.class,
                    () ->
                        Specs.valid()
                            .set("data.path", folder.resolve("missing.csv").toString())
                            .parseIn(folder))
                .problems())
        .extracting(SpecProblem::message)
        .containsExactly("no such file '" + folder.resolve("missing.csv") + "'");
  }

  @Test
  void aFileUriIsChecked(@TempDir Path folder) {
    String uri = folder.resolve("nope.csv").toUri().toString();

    assertThat(
            catchThrowableOfType(
                    SpecException.class, () -> Specs.valid().set("data.path", uri).parseIn(folder))
                .problems())
        .extracting(SpecProblem::message)
        .containsExactly("no such file '" + uri + "'");
  }

  @Test
  void remoteDataPathsAreNotCheckedOrResolved(@TempDir Path folder) throws SpecException {
    assertThat(
            Specs.valid()
                .set("data.path", "hdfs://namenode/data/train.csv")
                .parseIn(folder)
                .data()
                .path())
        .isEqualTo("hdfs://namenode/data/train.csv");
    assertThat(
            Specs.valid().set("data.path", "s3a://bucket/train.csv").parseIn(folder).data().path())
        .isEqualTo("s3a://bucket/train.csv");
  }

  @Test
  void withoutADataFolderNothingIsCheckedOrResolved() throws SpecException {
    assertThat(parse(Specs.valid()).data().path()).isEqualTo("data/train.csv");
  }

  @Test
  void parsingAFileResolvesDataNextToIt(@TempDir Path folder) throws SpecException {
    Specs spec = Specs.valid();
    Path data = spec.createDataFile(folder);
    Path file = spec.writeTo(folder);

    SweepSpec parsed = SpecParser.parse(file);

    assertThat(parsed.data().path()).isEqualTo(data.toString());
  }

  @Test
  void parsingAMissingFile(@TempDir Path folder) {
    Path file = folder.resolve("nope.yaml");

    SpecException e = catchThrowableOfType(SpecException.class, () -> SpecParser.parse(file));

    assertThat(e.source()).isEqualTo(file.toString());
    assertThat(e.problems()).extracting(SpecProblem::message).containsExactly("no such file");
  }

  @Test
  void aFolderGivenAsTheSpec(@TempDir Path folder) {
    SpecException e = catchThrowableOfType(SpecException.class, () -> SpecParser.parse(folder));

    assertThat(e.problems())
        .extracting(SpecProblem::message)
        .containsExactly("is a folder: give the sweep's .yaml file");
  }

  @Test
  void aBinaryFileGivenAsTheSpecNamesTheByte(@TempDir Path folder) throws IOException {
    Path gzip = folder.resolve("sweep.yaml");
    Files.write(
        gzip, new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0x1f, (byte) 0x8b, 0x08, 0x00});

    SpecException e = catchThrowableOfType(SpecException.class, () -> SpecParser.parse(gzip));

    assertThat(e.problems())
        .extracting(SpecProblem::message)
        .containsExactly(
            "not UTF-8 text (byte 0x8B on line 1): a sweep spec is a YAML text file in UTF-8");
  }

  /**
   * A data file given where the spec goes: one problem saying what a spec is, not "name: missing"
   * and the rest.
   */
  @Test
  void aCsvFileGivenAsTheSpecIsOneProblem() {
    assertThat(problems("sepal_length,sepal_width,species\n5.1,3.5,setosa\n"))
        .extracting(SpecProblem::path, SpecProblem::message, SpecProblem::line)
        .containsExactly(
            tuple(
                "",
                "not a sweep spec: expected YAML keys such as 'name:', 'data:', 'model:', got text "
                    + "('sepal_length,sepal_width,species 5.1,3.5,setosa')",
                1));
  }

  @Test
  void aControlCharacterInTheSpecNamesItsLine() {
    List<SpecProblem> problems = problems("name: x\ndata:\n  path: a\u0000.csv\n");

    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message())
                  .isEqualTo("broken YAML: a control character (U+0000) that YAML does not allow");
              assertThat(p.line()).isEqualTo(3);
            });
  }

  /** Notepad's "UTF-8" puts a byte order mark first. */
  @Test
  void aSpecFileWithAByteOrderMarkParses(@TempDir Path folder) throws IOException, SpecException {
    Specs spec = Specs.valid();
    spec.createDataFile(folder);
    Path file = Files.writeString(folder.resolve("sweep.yaml"), "\uFEFF" + spec.yaml());

    assertThat(SpecParser.parse(file).name()).isEqualTo("tiny-sweep");
  }
}
