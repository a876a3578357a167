package dev.unstuck.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code model.layers}: each entry is its type with its settings ({@code - conv2d: {filters:
 * 8, kernel: 3}}), or the bare type when it has none ({@code - flatten}). Every mistake is a
 * problem at the entry's path ({@code model.layers[2].kernel}); a wrong entry is left out of the
 * list so the shape check only sees sound ones.
 */
final class LayerReader {
  /** A layer as read, with where it was written, for the shape check's messages. */
  record Entry(LayerSpec layer, String path, Node node, Node kernelNode) {}

  private LayerReader() {}

  /**
   * @return every entry, or empty when any is wrong (each reported) or {@code model.layers} is not
   *     a list
   */
  static Optional<List<Entry>> read(String path, Node node, Problems problems) {
    if (!(node instanceof SequenceNode sequence)) {
      problems.add(
          path, node, "expected a list of layers, e.g. '- conv2d: {filters: 8, kernel: 3}'");
      return Optional.empty();
    }
    if (sequence.getValue().isEmpty()) {
      problems.add(
          path, node, "an empty list: give at least one layer (or hidden: [] for no hidden layer)");
      return Optional.empty();
    }
    List<Entry> entries = new ArrayList<>();
    List<Node> items = sequence.getValue();
    for (int i = 0; i < items.size(); i++) {
      entry(path + "[" + i + "]", items.get(i), problems).ifPresent(entries::add);
    }
    // with an entry missing, the shapes of the rest would be followed wrongly and report what is
    // not wrong
    return entries.size() == items.size() ? Optional.of(entries) : Optional.empty();
  }

  private static Optional<Entry> entry(String path, Node item, Problems problems) {
    Node typeNode;
    Node settings;
    if (item instanceof ScalarNode scalar) {
      typeNode = scalar;
      settings = null;
    } else if (item instanceof MappingNode mapping
        && mapping.getValue().size() == 1
        && mapping.getValue().get(0).getKeyNode() instanceof ScalarNode) {
      typeNode = mapping.getValue().get(0).getKeyNode();
      settings = mapping.getValue().get(0).getValueNode();
    } else {
      problems.add(
          path, item, "expected one layer: its type and settings, e.g. '- dense: {units: 64}'");
      return Optional.empty();
    }
    String typeName = ((ScalarNode) typeNode).getValue();
    Optional<LayerType> type = SpecEnums.parse(LayerType.class, typeName);
    if (type.isEmpty()) {
      problems.add(
          path,
          typeNode,
          "unknown layer type '"
              + typeName
              + "'"
              + Suggestions.didYouMean(typeName, SpecEnums.yamlNames(LayerType.class)));
      return Optional.empty();
    }
    if (settings instanceof ScalarNode scalar && scalar.getTag().getValue().endsWith(":null")) {
      settings = null; // "- batchnorm:" with nothing after the colon
    }
    if ((type.get() == LayerType.BATCHNORM || type.get() == LayerType.FLATTEN)
        && settings instanceof MappingNode mapping
        && !mapping.getValue().isEmpty()) {
      problems.add(
          path,
          settings,
          SpecEnums.yamlName(type.get())
              + " takes no settings: write '- "
              + SpecEnums.yamlName(type.get())
              + "'");
      return Optional.empty();
    }
    int before = problems.size();
    YamlMap map = YamlMap.of(path, settings, problems);
    LayerSpec layer =
        switch (type.get()) {
          case DENSE ->
              LayerSpec.dense(
                  positive(map, "units", item, problems),
                  map.enumValue("activation", Activation.class, null));
          case CONV2D ->
              LayerSpec.conv2d(
                  positive(map, "filters", item, problems),
                  pair(map, "kernel", null, item, problems),
                  pair(map, "stride", List.of(1, 1), item, problems),
                  map.enumValue("padding", Padding.class, Padding.VALID),
                  map.enumValue("activation", Activation.class, null));
          case MAXPOOL, AVGPOOL -> {
            List<Integer> kernel = pair(map, "kernel", null, item, problems);
            yield LayerSpec.pool(
                type.get(),
                kernel,
                pair(map, "stride", kernel, item, problems),
                map.enumValue("padding", Padding.class, Padding.VALID));
          }
          case DROPOUT -> LayerSpec.dropout(rate(map, item, problems));
          case BATCHNORM, FLATTEN -> LayerSpec.of(type.get());
        };
    map.rejectUnknown();
    if (problems.size() > before) {
      return Optional.empty();
    }
    return Optional.of(new Entry(layer, path, item, map.value("kernel").orElse(item)));
  }

  private static int positive(YamlMap map, String key, Node item, Problems problems) {
    if (map.value(key).isEmpty()) {
      problems.add(map.child(key), item, "missing");
      return 0;
    }
    int value = map.integer(key, 1);
    if (value < 1) {
      problems.add(map.child(key), map.value(key).get(), "must be >= 1, got " + value);
    }
    return value;
  }

  /** A window size or step: one integer for both dimensions, or [height, width]. */
  private static List<Integer> pair(
      YamlMap map, String key, List<Integer> fallback, Node item, Problems problems) {
    Optional<Node> value = map.value(key);
    if (value.isEmpty()) {
      if (fallback == null) {
        problems.add(map.child(key), item, "missing: one integer or [height, width]");
        return List.of(1, 1);
      }
      return fallback;
    }
    List<String> texts = map.stringList(key, List.of());
    List<Integer> numbers = new ArrayList<>();
    for (String text : texts) {
      try {
        numbers.add(Integer.parseInt(text.trim()));
      } catch (NumberFormatException e) {
        numbers.add(0);
      }
    }
    if (numbers.size() == 1) {
      numbers.add(numbers.get(0));
    }
    if (numbers.size() != 2 || numbers.stream().anyMatch(n -> n < 1)) {
      problems.add(
          map.child(key),
          value.get(),
          "expected one integer >= 1 or [height, width], got '"
              + YamlMap.shortened(YamlMap.flow(value.get()))
              + "'");
      return List.of(1, 1);
    }
    return numbers;
  }

  private static double rate(YamlMap map, Node item, Problems problems) {
    if (map.value("rate").isEmpty()) {
      problems.add(
          map.child("rate"), item, "missing: the probability of dropping a unit, in [0, 1)");
      return 0;
    }
    double rate = map.number("rate", 0);
    if (rate < 0 || rate >= 1) {
      problems.add(
          map.child("rate"),
          map.value("rate").get(),
          YamlMap.flow(map.value("rate").get())
              + " not in [0, 1): the probability of dropping a unit");
    }
    return rate;
  }
}
