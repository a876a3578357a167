package dev.unstuck.spec;

import dev.unstuck.fix.Fix;
import dev.unstuck.fix.FixCatalogue;
import dev.unstuck.fix.FixSelection;
import dev.unstuck.fix.FixType;
import dev.unstuck.text.NotUtf8;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Reads a sweep.yaml into a {@link SweepSpec}, checking everything before any training starts.
 * Every problem is reported at once, each with its path and line; user mistakes never surface as
 * stack traces.
 */
public final class SpecParser {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  /**
   * Run ids and the results folder derive from the name; file names end at 255 bytes on common file
   * systems.
   */
  static final int MAX_NAME = 100;

  private static final String IDX_IMAGES = "images-idx3-ubyte";
  private static final String IDX_LABELS = "labels-idx1-ubyte";
  private static final Pattern URI_SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]+:.*");

  private SpecParser() {}

  /** Parses a spec file; a relative {@code data.path} resolves against the file's folder. */
  public static SweepSpec parse(Path file) throws SpecException {
    String text = read(file);
    Path folder = file.toAbsolutePath().getParent();
    return parse(text, file.toString(), Optional.of(folder));
  }

  /**
   * The file as UTF-8 text; a folder, a binary or a mis-encoded file is a problem naming what it
   * is.
   */
  private static String read(Path file) throws SpecException {
    if (Files.isDirectory(file)) {
      throw fileProblem(file, "is a folder: give the sweep's .yaml file");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw fileProblem(file, "no such file");
    } catch (IOException e) {
      throw fileProblem(file, "cannot read: " + e.getMessage());
    }
    try {
      Optional<NotUtf8> notUtf8 = NotUtf8.find(new ByteArrayInputStream(bytes));
      if (notUtf8.isPresent()) {
        throw fileProblem(
            file,
            "not UTF-8 text ("
                + notUtf8.get().where()
                + "): a sweep spec is a YAML text file in UTF-8");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // reading a byte array does not fail
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static SpecException fileProblem(Path file, String message) {
    return new SpecException(
        file.toString(), List.of(new SpecProblem("", message, SpecProblem.NO_LINE)));
  }

  /**
   * Parses spec text.
   *
   * @param dataFolder where relative local data paths resolve and are checked to exist; empty skips
   *     the check
   */
  public static SweepSpec parse(String yaml, String source, Optional<Path> dataFolder)
      throws SpecException {
    Node root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(yaml));
    } catch (MarkedYAMLException e) {
      int line =
          e.getProblemMark() == null ? SpecProblem.NO_LINE : e.getProblemMark().getLine() + 1;
      throw new SpecException(
          source, List.of(new SpecProblem("", "broken YAML: " + e.getProblem(), line)));
    } catch (
        ReaderException
            e) { // a character YAML does not allow: SnakeYAML gives its position, not its line
      throw new SpecException(
          source,
          List.of(
              new SpecProblem(
                  "",
                  String.format(
                      "broken YAML: a control character (U+%04X) that YAML does not allow",
                      e.getCodePoint()),
                  lineAt(yaml, e.getPosition()))));
    } catch (YAMLException e) {
      throw new SpecException(
          source, List.of(new SpecProblem("", "broken YAML: " + e.getMessage(), 0)));
    }
    if (root == null) {
      throw new SpecException(
          source, List.of(new SpecProblem("", "the spec is empty", SpecProblem.NO_LINE)));
    }
    if (!(root
        instanceof
        MappingNode)) { // e.g. a CSV file given as the spec: one problem, not every missing key
      String got =
          root instanceof ScalarNode scalar
              ? "text ('" + YamlMap.shortened(scalar.getValue()) + "')"
              : "a list";
      throw new SpecException(
          source,
          List.of(
              new SpecProblem(
                  "",
                  "not a sweep spec: expected YAML keys such as 'name:', 'data:', 'model:', got "
                      + got,
                  Problems.lineOf(root))));
    }
    Problems problems = new Problems();
    SweepSpec spec = read(YamlMap.of("", root, problems), dataFolder, problems);
    if (!problems.isEmpty()) {
      throw new SpecException(source, problems.all());
    }
    return spec;
  }

  private static SweepSpec read(YamlMap root, Optional<Path> dataFolder, Problems problems) {
    String name = required(root, "name", problems);
    if (name != null && name.length() > MAX_NAME) {
      problems.add(
          "name",
          root.value("name").orElse(null),
          "'"
              + name.substring(0, 20)
              + "...' is "
              + name.length()
              + " characters long: at most "
              + MAX_NAME
              + " (it becomes part of run ids, file and folder names)");
    } else if (name != null && !NAME.matcher(name).matches()) {
      problems.add(
          "name",
          root.value("name").orElse(null),
          "'"
              + name
              + "' must be letters, digits, '.', '_' or '-' (it becomes part of run ids and paths)");
    }
    DataSpec data = readData(root.map("data"), dataFolder, problems);
    ModelSpec model = readModel(root.map("model"), data.shape(), dataFolder, problems);
    YamlMap trainingMap = root.map("training");
    Parallelism parallelism = readParallelism(trainingMap, problems);
    TrainingSpec training = readTraining(trainingMap, problems);
    FixSelection fixes = readFixes(root, new RunConfig(model, training), problems);
    root.rejectUnknown();
    return new SweepSpec(name, data, model, training, fixes, parallelism);
  }

  private static DataSpec readData(YamlMap data, Optional<Path> dataFolder, Problems problems) {
    if (data.node() == null) {
      problems.add(
          "data",
          null,
          "missing: where the dataset is (data.path) and its label column (data.label)");
    }
    String path = required(data, "path", problems);
    DataFormat format = data.enumValue("format", DataFormat.class, DataFormat.CSV);
    boolean header = data.bool("header", true);
    String label =
        format == DataFormat.IDX ? idxLabel(data, problems) : required(data, "label", problems);
    List<Integer> shape = shape(data, problems);
    long limit = data.longValue("limit", 0);
    if (data.value("limit").isPresent() && limit < 1) {
      problems.add(
          data.child("limit"),
          data.value("limit").get(),
          "must be >= 1 (the number of rows to read), got " + limit);
    }
    String labels = data.string("labels", null);
    List<String> features = data.stringList("features", List.of());
    double validation = data.number("validation", 0.2);
    long splitSeed = data.longValue("seed", 7);
    NonFinitePolicy nonFinite =
        data.enumValue("nonFinite", NonFinitePolicy.class, NonFinitePolicy.REPORT);
    String delimiter = delimiter(data.string("delimiter", DataSpec.COMMA));
    String encoding = encoding(data, format, problems);
    data.rejectUnknown();
    if (delimiter.length() != 1) {
      problems.add(
          data.child("delimiter"),
          data.value("delimiter").orElse(null),
          "'" + delimiter + "': one character, e.g. ';', or 'tab'");
    } else if (format != DataFormat.CSV && data.value("delimiter").isPresent()) {
      problems.add(
          data.child("delimiter"),
          data.value("delimiter").orElse(null),
          "only CSV files have a delimiter (data.format is " + format.name().toLowerCase() + ")");
    }

    if (validation <= 0 || validation >= 1) {
      problems.add(
          data.child("validation"),
          data.value("validation").orElse(null),
          num(validation) + " not in (0, 1): the held-out fraction");
    }
    if (label != null
        && format == DataFormat.CSV
        && !header
        && !label.equals("last")
        && !isInteger(label)) {
      problems.add(
          data.child("label"),
          data.value("label").orElse(null),
          "'"
              + label
              + "': a CSV without a header names its label by 0-based column index or 'last'");
    }
    Optional<String> unusable = path == null ? Optional.empty() : DataPaths.problem(path);
    if (unusable.isPresent()) {
      problems.add(
          data.child("path"),
          data.value("path").orElse(null),
          "'" + DataPaths.printable(path) + "' " + unusable.get());
    } else if (path != null) {
      path = resolve(path, dataFolder);
      if (dataFolder.isPresent() && isLocal(path) && !Files.exists(localPath(path))) {
        problems.add(
            data.child("path"), data.value("path").orElse(null), "no such file '" + path + "'");
      }
    }
    labels = idxLabels(data, format, path, labels, dataFolder, problems);
    return new DataSpec(
        path,
        format,
        header,
        label,
        features,
        validation,
        splitSeed,
        nonFinite,
        delimiter,
        encoding,
        shape,
        limit,
        labels);
  }

  /**
   * IDX files keep their labels in a file of their own, so {@code data.label} has nothing to name.
   */
  private static String idxLabel(YamlMap data, Problems problems) {
    data.value("label")
        .ifPresent(
            node ->
                problems.add(
                    data.child("label"),
                    node,
                    "idx data has its labels in a file of their own: name it with data.labels (or leave it to the standard name)"));
    return null;
  }

  /**
   * The labels file of idx data: {@code data.labels}, or beside the images under the standard name
   * ({@code train-images-idx3-ubyte.gz} -> {@code train-labels-idx1-ubyte.gz}).
   */
  private static String idxLabels(
      YamlMap data,
      DataFormat format,
      String imagesPath,
      String labels,
      Optional<Path> dataFolder,
      Problems problems) {
    Node where = data.value("labels").orElse(null);
    if (format != DataFormat.IDX) {
      if (where != null) {
        problems.add(
            data.child("labels"),
            where,
            "only idx data has a separate labels file (data.format is "
                + SpecEnums.yamlName(format)
                + "; name the label column with data.label)");
      }
      return null;
    }
    if (labels == null) {
      if (imagesPath == null || problems.has(data.child("path"))) {
        return null;
      }
      if (!imagesPath.contains(IDX_IMAGES)) {
        problems.add(
            data.child("labels"),
            data.node(),
            "missing: the labels file of '"
                + imagesPath
                + "' (it is found by itself only under the standard name, *"
                + IDX_IMAGES
                + "* -> *"
                + IDX_LABELS
                + "*)");
        return null;
      }
      int at = imagesPath.lastIndexOf(IDX_IMAGES);
      String derived =
          imagesPath.substring(0, at) + IDX_LABELS + imagesPath.substring(at + IDX_IMAGES.length());
      if (dataFolder.isPresent() && isLocal(derived) && !Files.exists(localPath(derived))) {
        problems.add(
            data.child("labels"),
            data.node(),
            "missing: no labels file '"
                + derived
                + "' beside the images; name it with data.labels");
      }
      return derived;
    }
    Optional<String> unusable = DataPaths.problem(labels);
    if (unusable.isPresent()) {
      problems.add(
          data.child("labels"), where, "'" + DataPaths.printable(labels) + "' " + unusable.get());
      return null;
    }
    String resolved = resolve(labels, dataFolder);
    if (dataFolder.isPresent() && isLocal(resolved) && !Files.exists(localPath(resolved))) {
      problems.add(data.child("labels"), where, "no such file '" + resolved + "'");
    }
    return resolved;
  }

  /**
   * {@code data.shape: [height, width, channels]}: how many pixel columns make one image, and how.
   */
  private static List<Integer> shape(YamlMap data, Problems problems) {
    Optional<Node> where = data.value("shape");
    if (where.isEmpty()) {
      return List.of();
    }
    List<Integer> shape = data.intList("shape", null);
    if (shape == null) {
      return List.of(); // not integers: already reported
    }
    if (shape.size() != 3 || shape.stream().anyMatch(n -> n < 1)) {
      problems.add(
          data.child("shape"),
          where.get(),
          "expected [height, width, channels], each >= 1 (e.g. [28, 28, 1]"
              + " for grey 28x28 images), got "
              + shape);
      return List.of();
    }
    return shape;
  }

  /**
   * {@code data.encoding}: the CSV's character set by any name Java knows ("latin1",
   * "windows-1252"), kept as its canonical name; Spark's CSV reader decodes with it.
   */
  private static String encoding(YamlMap data, DataFormat format, Problems problems) {
    String name = data.string("encoding", DataSpec.UTF_8);
    Node where = data.value("encoding").orElse(null);
    if (where == null) {
      return DataSpec.UTF_8;
    }
    Charset charset;
    try {
      charset = Charset.forName(name.strip());
    } catch (IllegalArgumentException e) { // unknown or malformed name
      problems.add(
          data.child("encoding"),
          where,
          "unknown '"
              + name
              + "': a character set such as UTF-8, "
              + "ISO-8859-1 (Latin-1) or windows-1252 (what spreadsheets in western Europe save)");
      return DataSpec.UTF_8;
    }
    if (format != DataFormat.CSV) {
      problems.add(
          data.child("encoding"),
          where,
          "only CSV files have an encoding here (data.format is "
              + format.name().toLowerCase()
              + ")");
    }
    return charset.name();
  }

  /** "tab" and "\\t" for a tab, which YAML makes awkward to write. */
  private static String delimiter(String value) {
    return value.equalsIgnoreCase("tab") || value.equals("\\t") ? "\t" : value;
  }

  private static ModelSpec readModel(
      YamlMap model, List<Integer> inputShape, Optional<Path> folder, Problems problems) {
    List<ImportedModel.Format> given =
        Arrays.stream(ImportedModel.Format.values())
            .filter(format -> model.value(format.key()).isPresent())
            .toList();
    if (given.size() > 1) {
      problems.add(
          "model", model.node(), "give one network file: model.dl4j or model.keras, not both");
    }
    if (!given.isEmpty()) {
      return readImported(model, given.get(0), inputShape, folder, problems);
    }
    List<Integer> hidden = model.intList("hidden", List.of(64, 64));
    List<LayerSpec> layers = List.of();
    Optional<Node> layersNode = model.value("layers");
    if (layersNode.isPresent()) {
      if (model.value("hidden").isPresent()) {
        problems.add(
            model.child("layers"),
            layersNode.get(),
            "give either hidden (the shorthand for dense layers) or" + " layers, not both");
      }
      hidden = List.of();
      Optional<List<LayerReader.Entry>> entries =
          LayerReader.read(model.child("layers"), layersNode.get(), problems);
      if (entries.isPresent()) {
        layers = entries.get().stream().map(LayerReader.Entry::layer).toList();
        if (!problems.has(
            "data.shape")) { // a broken shape is reported once, not again at every convolution
          LayerShapes.check(entries.get(), inputShape, problems);
        }
      }
    }
    for (int width : hidden) {
      if (width < 1) {
        problems.add(
            model.child("hidden"),
            model.value("hidden").orElse(null),
            "layer widths must be >= 1, got " + width);
      }
    }
    ModelSpec spec =
        new ModelSpec(
            hidden,
            model.enumValue("activation", Activation.class, Activation.RELU),
            model.enumValue("init", WeightInit.class, WeightInit.XAVIER),
            model.enumValue("loss", LossFunction.class, LossFunction.MCXENT),
            model.number("dropout", 0.0),
            model.number("l1", 0.0),
            model.number("l2", 0.0),
            model.bool("batchNorm", false),
            layers,
            inputShape,
            null);
    model.rejectUnknown();
    check(
        spec.dropout() >= 0 && spec.dropout() < 1,
        model,
        "dropout",
        num(spec.dropout()) + " not in [0, 1)",
        problems);
    check(spec.l1() >= 0, model, "l1", "must be >= 0, got " + num(spec.l1()), problems);
    check(spec.l2() >= 0, model, "l2", "must be >= 0, got " + num(spec.l2()), problems);
    return spec;
  }

  /**
   * {@code model: {dl4j: PATH}} or {@code model: {keras: PATH}}: the user's network, whose layers
   * stay as they are. Only the settings that apply to every layer alike may be given beside it
   * (activation, init, dropout, l1, l2, each replacing the file's own in every layer; loss for
   * Keras, which exports none).
   */
  private static ModelSpec readImported(
      YamlMap model,
      ImportedModel.Format format,
      List<Integer> inputShape,
      Optional<Path> folder,
      Problems problems) {
    String key = format.key();
    Node where = model.value(key).orElse(model.node());
    for (String layerKey : List.of("hidden", "layers", "batchNorm")) {
      model
          .value(layerKey)
          .ifPresent(
              node ->
                  problems.add(
                      model.child(layerKey),
                      node,
                      "the network comes from "
                          + format.specPath()
                          + " and keeps its own layers: "
                          + layerKey
                          + " does not apply (it describes a network"
                          + " Unstuck builds)"));
    }
    Optional<Node> loss = model.value("loss");
    if (format == ImportedModel.Format.DL4J && loss.isPresent()) {
      problems.add(
          model.child("loss"),
          loss.get(),
          "a DL4J configuration's output layer has its own loss function:" + " set it there");
    }
    Activation activation = model.enumValue("activation", Activation.class, null);
    WeightInit init = model.enumValue("init", WeightInit.class, null);
    double dropout = model.number("dropout", 0.0);
    double l1 = model.number("l1", 0.0);
    double l2 = model.number("l2", 0.0);
    LossFunction lossFunction =
        format == ImportedModel.Format.KERAS
            ? model.enumValue("loss", LossFunction.class, LossFunction.MCXENT)
            : LossFunction.MCXENT;
    String path = model.string(key, null);
    model.rejectUnknown();
    check(dropout >= 0 && dropout < 1, model, "dropout", num(dropout) + " not in [0, 1)", problems);
    check(l1 >= 0, model, "l1", "must be >= 0, got " + num(l1), problems);
    check(l2 >= 0, model, "l2", "must be >= 0, got " + num(l2), problems);
    Optional<ImportedModel> imported = importedFile(format, path, where, folder, problems);
    // a file with a problem is reported; parsing goes on with an empty one to find the spec's other
    // problems
    ImportedModel file =
        imported.orElseGet(
            () -> new ImportedModel(format, String.valueOf(path), "", List.of(), false));
    return ModelSpec.imported(file, lossFunction, dropout, l1, l2, inputShape)
        .withActivation(activation)
        .withInit(init);
  }

  /**
   * The file of an imported network, read now: a missing or foreign file is a problem of the spec.
   */
  private static Optional<ImportedModel> importedFile(
      ImportedModel.Format format,
      String path,
      Node where,
      Optional<Path> folder,
      Problems problems) {
    String specPath = format.specPath();
    if (path == null || path.isBlank()) {
      problems.add(specPath, where, "missing: the path of the network's file");
      return Optional.empty();
    }
    Optional<String> unusable = DataPaths.problem(path);
    if (unusable.isPresent()) {
      problems.add(specPath, where, "'" + DataPaths.printable(path) + "' " + unusable.get());
      return Optional.empty();
    }
    if (!isLocal(path)) {
      problems.add(
          specPath,
          where,
          "'"
              + path
              + "': the network's file is read when the spec is read, from this"
              + " machine; give a local path");
      return Optional.empty();
    }
    Path file = localPath(resolve(path, folder));
    if (!Files.isRegularFile(file)) {
      problems.add(
          specPath,
          where,
          (Files.isDirectory(file) ? "is a folder: " : "no such file: ") + "'" + file + "'");
      return Optional.empty();
    }
    return ImportedModelReader.read(format, file, where, problems);
  }

  /**
   * {@code training.parallelism} and its threshold: per sweep, so read beside the per-variant
   * settings.
   */
  private static Parallelism readParallelism(YamlMap training, Problems problems) {
    Parallelism spec =
        new Parallelism(
            training.enumValue("parallelism", Parallelism.Mode.class, Parallelism.Mode.AUTO),
            training.number("dataParallelAboveMiB", Parallelism.DEFAULT_DATA_PARALLEL_ABOVE_MIB));
    check(
        spec.dataParallelAboveMiB() > 0,
        training,
        "dataParallelAboveMiB",
        "must be > 0, got " + num(spec.dataParallelAboveMiB()),
        problems);
    return spec;
  }

  private static TrainingSpec readTraining(YamlMap training, Problems problems) {
    TrainingSpec spec =
        new TrainingSpec(
            training.enumValue("optimizer", Optimizer.class, Optimizer.SGD),
            training.number("learningRate", 0.1),
            training.enumValue("lrSchedule", LrSchedule.class, LrSchedule.NONE),
            training.integer("batchSize", 64),
            training.integer("epochs", 20),
            training.number("gradientClip", 0.0),
            training.number("gradientClipValue", 0.0),
            readNormalization(training),
            training.enumValue("resample", Resampling.class, Resampling.NONE),
            training.number("inputNoise", 0.0),
            training.integer("earlyStopping", 0),
            training.integer("seeds", 3),
            training.integer("workers", 2));
    training.rejectUnknown();
    check(
        spec.learningRate() > 0,
        training,
        "learningRate",
        "must be > 0, got " + num(spec.learningRate()),
        problems);
    check(
        spec.batchSize() >= 1,
        training,
        "batchSize",
        "must be >= 1, got " + spec.batchSize(),
        problems);
    check(
        spec.epochs() >= 1 && spec.epochs() <= 100_000,
        training,
        "epochs",
        "must be in [1, 100000], got " + spec.epochs(),
        problems);
    check(
        spec.gradientClip() >= 0,
        training,
        "gradientClip",
        "must be >= 0 (0 = off), got " + num(spec.gradientClip()),
        problems);
    check(
        spec.gradientClipValue() >= 0,
        training,
        "gradientClipValue",
        "must be >= 0 (0 = off), got " + num(spec.gradientClipValue()),
        problems);
    check(
        spec.inputNoise() >= 0,
        training,
        "inputNoise",
        "must be >= 0 (0 = off), got " + num(spec.inputNoise()),
        problems);
    check(
        spec.earlyStopping() >= 0,
        training,
        "earlyStopping",
        "must be >= 0 (0 = off), got " + spec.earlyStopping(),
        problems);
    check(
        spec.seeds() >= 1 && spec.seeds() <= 100,
        training,
        "seeds",
        "must be in [1, 100], got " + spec.seeds(),
        problems);
    check(
        spec.workers() >= 1, training, "workers", "must be >= 1, got " + spec.workers(), problems);
    return spec;
  }

  /** {@code normalizeInputs} takes true/false (true = standard) or a method name. */
  private static InputNormalization readNormalization(YamlMap training) {
    Optional<Node> value = training.value("normalizeInputs");
    if (value.isPresent() && value.get() instanceof ScalarNode scalar) {
      String text = scalar.getValue().toLowerCase();
      if (text.equals("false") || text.equals("no")) {
        return InputNormalization.NONE;
      }
      if (text.equals("true") || text.equals("yes")) {
        return InputNormalization.STANDARD;
      }
    }
    return training.enumValue("normalizeInputs", InputNormalization.class, InputNormalization.NONE);
  }

  private static FixSelection readFixes(YamlMap root, RunConfig baseline, Problems problems) {
    Optional<Node> value = root.value("fixes");
    if (value.isEmpty()) {
      return FixSelection.AUTO;
    }
    Node node = value.get();
    if (node instanceof ScalarNode scalar && scalar.getValue().equals("auto")) {
      return FixSelection.AUTO;
    }
    if (!(node instanceof SequenceNode sequence)) {
      problems.add("fixes", node, "expected 'auto' or a list like '- learningRate: [x0.1]'");
      return FixSelection.AUTO;
    }
    List<Fix> fixes = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    boolean baselineValid = problems.isEmpty();
    List<Node> items = sequence.getValue();
    for (int i = 0; i < items.size(); i++) {
      String itemPath = "fixes[" + i + "]";
      if (!(items.get(i) instanceof MappingNode item)) {
        problems.add(
            itemPath, items.get(i), "expected 'key: [settings]', e.g. 'learningRate: [x0.1]'");
        continue;
      }
      for (NodeTuple entry : item.getValue()) {
        Optional<String> plainKey = YamlMap.plainKey(itemPath, entry, problems);
        if (plainKey.isEmpty()) {
          continue;
        }
        String key = plainKey.get();
        Optional<FixType> type = FixCatalogue.type(key);
        if (type.isEmpty()) {
          problems.add(itemPath, entry.getKeyNode(), FixCatalogue.unknownKey(key));
          continue;
        }
        String path = itemPath + "." + key;
        Optional<List<String>> settings = YamlMap.scalars(path, entry.getValueNode(), problems);
        if (settings.isPresent() && settings.get().isEmpty()) {
          problems.add(
              path, entry.getValueNode(), "an empty list tries nothing: give at least one setting");
        }
        for (String setting : settings.orElse(List.of())) {
          Optional<String> problem = type.get().problem(setting);
          if (problem.isPresent()) {
            problems.add(path, entry.getValueNode(), problem.get());
            continue;
          }
          Fix fix = new Fix(type.get(), setting);
          Optional<String> inapplicable = fix.inapplicable(baseline);
          if (inapplicable.isPresent()) {
            problems.add(path, entry.getValueNode(), inapplicable.get());
            continue;
          }
          RunConfig fixed = fix.apply(baseline);
          String sameChange = type.get().key() + "=" + fixed;
          if (!baselineValid) {
            fixes.add(
                fix); // compared with a broken baseline, "same as baseline" would only add noise
          } else if (type.get().isBaselines(baseline, setting)) {
            problems.add(
                path, entry.getValueNode(), "'" + setting + "' is what the baseline already has");
          } else if (seen.putIfAbsent(sameChange, path + " '" + setting + "'") != null) {
            problems.add(
                path, entry.getValueNode(), "'" + setting + "' repeats " + seen.get(sameChange));
          } else {
            fixes.add(fix);
          }
        }
      }
    }
    return FixSelection.of(fixes);
  }

  private static String required(YamlMap map, String key, Problems problems) {
    String value = map.string(key, null);
    if (value == null || value.isBlank()) {
      problems.add(map.child(key), map.node(), "missing");
      return null;
    }
    return value;
  }

  private static void check(
      boolean ok, YamlMap map, String key, String message, Problems problems) {
    if (!ok) {
      problems.add(map.child(key), map.value(key).orElse(map.node()), message);
    }
  }

  /** 1-based line of a character position in {@code text}. */
  private static int lineAt(String text, int position) {
    int line = 1;
    for (int i = 0; i < Math.min(position, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static String num(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  private static boolean isInteger(String text) {
    return text.matches("\\d+");
  }

  static boolean isLocal(String path) {
    return !URI_SCHEME.matcher(path).matches() || path.startsWith("file:");
  }

  private static Path localPath(String path) {
    return path.startsWith("file:") ? Path.of(URI.create(path)) : Path.of(path);
  }

  private static String resolve(String path, Optional<Path> folder) {
    if (!isLocal(path)
        || path.startsWith("file:")
        || Path.of(path).isAbsolute()
        || folder.isEmpty()) {
      return path;
    }
    return folder.get().resolve(path).normalize().toString();
  }
}
