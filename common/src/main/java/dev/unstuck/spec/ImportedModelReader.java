package dev.unstuck.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.text.NotUtf8;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the file of {@code model.dl4j} or {@code model.keras} and tells, without building a
 * network, whether it is a model Unstuck can train: JSON of the right kind, a Keras model
 * (Sequential or functional) or a DL4J MultiLayerConfiguration or ComputationGraphConfiguration, a
 * graph with one input and one output. DL4J itself reads the configuration later, on the driver;
 * what it then finds wrong is reported there.
 */
final class ImportedModelReader {
  /** The entry of a DL4J ModelSerializer zip that holds the network's configuration. */
  static final String ZIP_CONFIGURATION = "configuration.json";

  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
  private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F'};
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Keras layers that DL4J builds as no layer (the input) or as a graph vertex without weights:
   * left out of a model's layer list. Sequential models have only the first.
   */
  private static final Set<String> KERAS_WITHOUT_WEIGHTS =
      Set.of("InputLayer", "Concatenate", "Add", "Subtract", "Multiply", "Average", "Maximum");

  private ImportedModelReader() {}

  /**
   * @param path the file, resolved against the spec's folder; it exists and is local
   */
  static Optional<ImportedModel> read(
      ImportedModel.Format format, Path path, Node where, Problems problems) {
    String specPath = format.specPath();
    Optional<String> text = text(path, format, specPath, where, problems);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    JsonNode root;
    try {
      root = JSON.readTree(text.get());
    } catch (JsonProcessingException e) {
      problems.add(
          specPath,
          where,
          "'"
              + path
              + "' is not JSON (line "
              + e.getLocation().getLineNr()
              + ": "
              + e.getOriginalMessage()
              + ")"
              + expected(format));
      return Optional.empty();
    }
    Optional<String> wrongKind =
        format == ImportedModel.Format.DL4J ? dl4jProblem(root) : kerasProblem(root);
    if (wrongKind.isPresent()) {
      problems.add(specPath, where, "'" + path + "' " + wrongKind.get());
      return Optional.empty();
    }
    return Optional.of(
        new ImportedModel(
            format, path.toString(), text.get(), layers(format, root), isGraph(format, root)));
  }

  /** The configuration's text: the file itself, or a ModelSerializer zip's configuration entry. */
  private static Optional<String> text(
      Path path, ImportedModel.Format format, String specPath, Node where, Problems problems) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      problems.add(specPath, where, "cannot read '" + path + "': " + e.getMessage());
      return Optional.empty();
    }
    if (startsWith(bytes, HDF5_MAGIC)) {
      problems.add(
          specPath,
          where,
          "'"
              + path
              + "' is an HDF5 file (.h5): Unstuck reads a model's architecture"
              + " JSON"
              + expected(format));
      return Optional.empty();
    }
    if (startsWith(bytes, ZIP_MAGIC)) {
      if (format == ImportedModel.Format.KERAS) {
        problems.add(
            specPath,
            where,
            "'"
                + path
                + "' is a zip archive (a .keras file?): give the architecture"
                + " JSON of model.to_json()");
        return Optional.empty();
      }
      return zipConfiguration(bytes, path, specPath, where, problems);
    }
    try {
      Optional<NotUtf8> notUtf8 = NotUtf8.find(new ByteArrayInputStream(bytes));
      if (notUtf8.isPresent()) {
        problems.add(
            specPath,
            where,
            "'" + path + "' is not JSON text (" + notUtf8.get().where() + ")" + expected(format));
        return Optional.empty();
      }
    } catch (IOException e) {
      throw new IllegalStateException("reading a byte array does not fail", e);
    }
    return Optional.of(new String(bytes, StandardCharsets.UTF_8));
  }

  private static Optional<String> zipConfiguration(
      byte[] bytes, Path path, String specPath, Node where, Problems problems) {
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        if (entry.getName().equals(ZIP_CONFIGURATION)) {
          return Optional.of(new String(zip.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      problems.add(specPath, where, "'" + path + "' is a broken zip archive: " + e.getMessage());
      return Optional.empty();
    }
    problems.add(
        specPath,
        where,
        "'"
            + path
            + "' is a zip archive without "
            + ZIP_CONFIGURATION
            + ": not a model saved with DL4J's ModelSerializer");
    return Optional.empty();
  }

  private static Optional<String> dl4jProblem(JsonNode root) {
    if (root.has("class_name")) {
      return Optional.of("is a Keras model (it has 'class_name'): give it as model.keras");
    }
    if (root.has("vertices")) {
      return oneInOneOut(names(root.path("networkInputs")), names(root.path("networkOutputs")));
    }
    if (!root.path("confs").isArray() || root.path("confs").isEmpty()) {
      return Optional.of(
          "is not a DL4J MultiLayerConfiguration or ComputationGraphConfiguration (no 'confs' list"
              + " of layers, no 'vertices')"
              + expected(ImportedModel.Format.DL4J));
    }
    return Optional.empty();
  }

  private static Optional<String> kerasProblem(JsonNode root) {
    if (root.has("confs") || root.has("vertices")) {
      return Optional.of("is a DL4J configuration: give it as model.dl4j");
    }
    String kind = root.path("class_name").asText("");
    if (!kind.equals("Sequential") && !isFunctional(kind)) {
      return Optional.of(
          "is not a Keras model's JSON ("
              + (kind.isEmpty() ? "no 'class_name'" : "class_name '" + kind + "'")
              + ")"
              + expected(ImportedModel.Format.KERAS));
    }
    if (kerasLayers(root).isEmpty()) {
      return Optional.of("is a " + kind + " Keras model without layers");
    }
    if (isFunctional(kind)) {
      JsonNode config = root.path("config");
      return oneInOneOut(
          kerasEnds(config.path("input_layers")), kerasEnds(config.path("output_layers")));
    }
    return Optional.empty();
  }

  /**
   * Unstuck's data is one table of feature columns and one label: a graph with more inputs or
   * outputs needs data Unstuck does not have.
   */
  private static Optional<String> oneInOneOut(List<String> inputs, List<String> outputs) {
    if (inputs.size() == 1 && outputs.size() == 1) {
      return Optional.empty();
    }
    String problem = inputs.size() != 1 ? ends(inputs, "input") : ends(outputs, "output");
    return Optional.of(
        problem
            + ": Unstuck trains a network with one input (the feature columns) and one output (the"
            + " label)");
  }

  private static String ends(List<String> names, String kind) {
    return names.isEmpty()
        ? "names no " + kind
        : "has " + names.size() + " " + kind + "s (" + String.join(", ", names) + ")";
  }

  /** Keras 2 writes {@code functional(...)} with class_name Model before 2.4, Functional after. */
  private static boolean isFunctional(String kind) {
    return kind.equals("Model") || kind.equals("Functional");
  }

  /**
   * The layer names of a functional model's {@code input_layers}/{@code output_layers}: each entry
   * is {@code [name, node, tensor]}, or a single such entry when the model has one.
   */
  private static List<String> kerasEnds(JsonNode ends) {
    if (ends.isArray() && !ends.isEmpty() && ends.get(0).isTextual()) {
      return List.of(ends.get(0).asText());
    }
    List<String> names = new ArrayList<>();
    ends.forEach(end -> names.add(end.path(0).asText()));
    return names;
  }

  private static List<String> names(JsonNode array) {
    List<String> names = new ArrayList<>();
    array.forEach(name -> names.add(name.asText()));
    return names;
  }

  private static boolean isGraph(ImportedModel.Format format, JsonNode root) {
    return format == ImportedModel.Format.DL4J
        ? root.has("vertices")
        : isFunctional(root.path("class_name").asText(""));
  }

  private static List<String> layers(ImportedModel.Format format, JsonNode root) {
    if (format == ImportedModel.Format.KERAS) {
      List<String> outputs = kerasEnds(root.path("config").path("output_layers"));
      List<String> names = new ArrayList<>();
      List<String> last = new ArrayList<>();
      for (JsonNode layer : kerasLayers(root)) {
        String kind = layer.path("class_name").asText();
        if (KERAS_WITHOUT_WEIGHTS.contains(kind)) {
          continue;
        }
        // a functional model lists its layers in the order they were made: its output goes last
        String name = layer.path("config").path("name").asText(layer.path("name").asText());
        (outputs.contains(name) ? last : names).add(kind);
      }
      names.addAll(last);
      return names;
    }
    if (root.has("vertices")) {
      List<String> outputs = names(root.path("networkOutputs"));
      List<String> names = new ArrayList<>();
      List<String> last = new ArrayList<>();
      root.path("vertices")
          .fields()
          .forEachRemaining(
              vertex -> {
                String className =
                    vertex.getValue().path("layerConf").path("layer").path("@class").asText("");
                if (!className.isEmpty()) { // a merge, sum or other vertex without a layer
                  (outputs.contains(vertex.getKey()) ? last : names)
                      .add(className.substring(className.lastIndexOf('.') + 1));
                }
              });
      names.addAll(last);
      return names;
    }
    List<String> names = new ArrayList<>();
    for (JsonNode conf : root.path("confs")) {
      String className = conf.path("layer").path("@class").asText("");
      names.add(className.substring(className.lastIndexOf('.') + 1));
    }
    return names;
  }

  /**
   * A model's layers: {@code config.layers} (Keras 2.2+) or {@code config} itself (older Keras
   * Sequential).
   */
  private static List<JsonNode> kerasLayers(JsonNode root) {
    JsonNode config = root.path("config");
    JsonNode layers = config.isArray() ? config : config.path("layers");
    List<JsonNode> found = new ArrayList<>();
    layers.forEach(found::add);
    return found;
  }

  private static String expected(ImportedModel.Format format) {
    return format == ImportedModel.Format.DL4J
        ? "; expected the JSON of a DL4J MultiLayerConfiguration or ComputationGraphConfiguration"
            + " (conf.toJson()) or a ModelSerializer zip"
        : "; expected the JSON of a Keras model's model.to_json()";
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
