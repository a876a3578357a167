package dev.unstuck.testing;

import dev.unstuck.spec.SpecException;
import dev.unstuck.spec.SpecParser;
import dev.unstuck.spec.SweepSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * sweep.yaml text for tests: a valid spec to start from, and a fluent way to change, add or remove
 * any key so each test states only the variation it is about.
 *
 * <pre>{@code
 * String yaml = Specs.valid().set("training.learningRate", "-1").remove("data.label").yaml();
 * }</pre>
 *
 * Values are raw YAML ({@code set("model.hidden", "[32, 32]")}). Keys render in the order they were
 * first set, two-space indented, so the line of every key is predictable: see {@link #lineOf}.
 */
public final class Specs {

  /** The example spec of the issue that introduced sweep specs, verbatim. */
  public static final String ISSUE_EXAMPLE =
      """
      name: churn-baseline
      data:
        path: data/churn.csv.gz
        format: csv
        header: true
        label: churn
        features: []
        validation: 0.2
      model:
        hidden: [64, 64]
        activation: sigmoid
        init: normal
        loss: mcxent
        dropout: 0.0
        l1: 0.0
        l2: 0.0
        batchNorm: false
      training:
        optimizer: sgd
        learningRate: 0.5
        batchSize: 64
        epochs: 30
        gradientClip: 0
        normalizeInputs: false
        seeds: 3
        workers: 2
      fixes: auto
      """;

  /** Top-level key -> raw value (String) or section (Map of key -> raw value). */
  private final Map<String, Object> entries = new LinkedHashMap<>();

  private List<String> fixItems;

  private Specs() {}

  /**
   * A small valid spec: {@code tiny-sweep} on {@code data/train.csv} (label {@code label}), a 16-16
   * relu net, SGD at 0.1, 5 epochs, 2 seeds, and two explicit fixes ({@code learningRate: [x0.1]},
   * {@code dropout: [0.5]}).
   */
  public static Specs valid() {
    return new Specs()
        .set("name", "tiny-sweep")
        .set("data.path", "data/train.csv")
        .set("data.format", "csv")
        .set("data.header", "true")
        .set("data.label", "label")
        .set("model.hidden", "[16, 16]")
        .set("model.activation", "relu")
        .set("training.optimizer", "sgd")
        .set("training.learningRate", "0.1")
        .set("training.batchSize", "32")
        .set("training.epochs", "5")
        .set("training.seeds", "2")
        .set("training.workers", "1")
        .fixes("learningRate: [x0.1]", "dropout: [0.5]");
  }

  /**
   * The issue's example ({@link #ISSUE_EXAMPLE}) as a builder; {@code issueExample().yaml()} is
   * that text.
   */
  public static Specs issueExample() {
    return new Specs()
        .set("name", "churn-baseline")
        .set("data.path", "data/churn.csv.gz")
        .set("data.format", "csv")
        .set("data.header", "true")
        .set("data.label", "churn")
        .set("data.features", "[]")
        .set("data.validation", "0.2")
        .set("model.hidden", "[64, 64]")
        .set("model.activation", "sigmoid")
        .set("model.init", "normal")
        .set("model.loss", "mcxent")
        .set("model.dropout", "0.0")
        .set("model.l1", "0.0")
        .set("model.l2", "0.0")
        .set("model.batchNorm", "false")
        .set("training.optimizer", "sgd")
        .set("training.learningRate", "0.5")
        .set("training.batchSize", "64")
        .set("training.epochs", "30")
        .set("training.gradientClip", "0")
        .set("training.normalizeInputs", "false")
        .set("training.seeds", "3")
        .set("training.workers", "2")
        .autoFixes();
  }

  /**
   * Sets {@code path} ({@code name} or {@code section.key}) to the raw YAML {@code value}, adding
   * the key (and section) at the end if it is new. Use it for misspelt keys too: {@code
   * set("training.learningrate", "1")}.
   */
  public Specs set(String path, String value) {
    if ("fixes".equals(path)) {
      throw new IllegalArgumentException("use fixes(...) or autoFixes() or rawFixes(...)");
    }
    int dot = path.indexOf('.');
    if (dot < 0) {
      entries.put(path, value);
    } else {
      section(path.substring(0, dot)).put(path.substring(dot + 1), value);
    }
    return this;
  }

  /**
   * Removes a key ({@code data.label}) or a whole section / top-level key ({@code data}, {@code
   * fixes}).
   */
  public Specs remove(String path) {
    if ("fixes".equals(path)) {
      entries.remove("fixes");
      fixItems = null;
      return this;
    }
    int dot = path.indexOf('.');
    if (dot < 0) {
      entries.remove(path);
    } else if (entries.get(path.substring(0, dot)) instanceof Map<?, ?> section) {
      section.remove(path.substring(dot + 1));
    }
    return this;
  }

  /**
   * An explicit fix list, one item per argument, e.g. {@code fixes("learningRate: [x0.1, x0.01]")}.
   */
  public Specs fixes(String... items) {
    entries.put("fixes", "");
    fixItems = new ArrayList<>(List.of(items));
    return this;
  }

  /** {@code fixes: auto}. */
  public Specs autoFixes() {
    return rawFixes("auto");
  }

  /** {@code fixes: <value>} with any raw YAML value (e.g. to test a malformed one). */
  public Specs rawFixes(String value) {
    entries.put("fixes", value);
    fixItems = null;
    return this;
  }

  /** The raw value at {@code path}, if set. */
  public Optional<String> get(String path) {
    int dot = path.indexOf('.');
    Object value =
        dot < 0
            ? entries.get(path)
            : entries.get(path.substring(0, dot)) instanceof Map<?, ?> section
                ? section.get(path.substring(dot + 1))
                : null;
    return value instanceof String text ? Optional.of(text) : Optional.empty();
  }

  /**
   * 1-based line of {@code path} in {@link #yaml()} ({@code fixes[1]} for the second fix item), or
   * 0.
   */
  public int lineOf(String path) {
    String[] lines = yaml().split("\n", -1);
    int dot = path.indexOf('.');
    String section = dot < 0 ? null : path.substring(0, dot);
    String key = dot < 0 ? path : path.substring(dot + 1);
    if (path.matches("fixes\\[\\d+]")) {
      int wanted = Integer.parseInt(path.substring(6, path.length() - 1));
      int item = -1;
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].startsWith("  - ") && ++item == wanted) {
          return i + 1;
        }
      }
      return 0;
    }
    boolean inSection = section == null;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (section != null && !line.startsWith(" ")) {
        inSection = line.equals(section + ":");
        continue;
      }
      String prefix = section == null ? key + ":" : "  " + key + ":";
      if (inSection && line.startsWith(prefix)) {
        return i + 1;
      }
    }
    return 0;
  }

  /** The spec as YAML text. */
  public String yaml() {
    StringBuilder yaml = new StringBuilder();
    for (Map.Entry<String, Object> entry : entries.entrySet()) {
      if (entry.getKey().equals("fixes") && fixItems != null) {
        yaml.append("fixes:\n");
        fixItems.forEach(item -> yaml.append("  - ").append(item).append('\n'));
      } else if (entry.getValue() instanceof Map<?, ?> section) {
        yaml.append(entry.getKey()).append(":\n");
        section.forEach(
            (key, value) -> yaml.append("  ").append(key).append(": ").append(value).append('\n'));
      } else {
        yaml.append(entry.getKey()).append(": ").append(entry.getValue()).append('\n');
      }
    }
    return yaml.toString();
  }

  /** Parses {@link #yaml()} without checking that the data exists. */
  public SweepSpec parse() throws SpecException {
    return SpecParser.parse(yaml(), "test-sweep.yaml", Optional.empty());
  }

  /**
   * Parses {@link #yaml()} as if it were a file in {@code folder}: relative data paths resolve
   * there.
   */
  public SweepSpec parseIn(Path folder) throws SpecException {
    return SpecParser.parse(yaml(), folder.resolve("sweep.yaml").toString(), Optional.of(folder));
  }

  /** Writes {@link #yaml()} to {@code folder/sweep.yaml}, returning that path. */
  public Path writeTo(Path folder) {
    try {
      Files.createDirectories(folder);
      return Files.writeString(folder.resolve("sweep.yaml"), yaml());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Creates the (empty) file {@code data.path} names, relative to {@code folder}, so the existence
   * check passes.
   */
  public Path createDataFile(Path folder) {
    String path = get("data.path").orElseThrow(() -> new IllegalStateException("no data.path"));
    try {
      Path file = folder.resolve(path);
      Files.createDirectories(file.getParent());
      return Files.exists(file) ? file : Files.createFile(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return yaml();
  }

  @SuppressWarnings("unchecked")
  private Map<String, String> section(String name) {
    Object existing = entries.get(name);
    if (existing instanceof Map<?, ?> map) {
      return (Map<String, String>) map;
    }
    Map<String, String> section = new LinkedHashMap<>();
    entries.put(name, section);
    return section;
  }
}
