package dev.unstuck.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Typed, path-aware reads from one YAML mapping. A wrong type is recorded as a problem and the
 * default is returned, so parsing goes on and reports everything; keys never read are rejected by
 * {@link #rejectUnknown}.
 */
final class YamlMap {
  private final String path;
  private final Node node;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
  private final Set<String> known = new LinkedHashSet<>();
  private final Problems problems;

  private YamlMap(String path, Node node, Problems problems) {
    this.path = path;
    this.node = node;
    this.problems = problems;
  }

  /** Reads a node that should be a mapping; anything else is a problem and reads as empty. */
  static YamlMap of(String path, Node node, Problems problems) {
    YamlMap map = new YamlMap(path, node, problems);
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        Optional<String> plain = plainKey(path, tuple, problems);
        if (plain.isEmpty()) {
          continue;
        }
        String key = plain.get();
        if (map.entries.containsKey(key)) {
          problems.add(map.child(key), tuple.getKeyNode(), "duplicate key");
        }
        map.entries.put(key, tuple);
      }
    } else if (node != null) {
      problems.add(path, node, "expected a mapping of keys to values");
    }
    return map;
  }

  String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  Node node() {
    return node;
  }

  Optional<Node> value(String key) {
    known.add(key);
    NodeTuple tuple = entries.get(key);
    return Optional.ofNullable(tuple).map(NodeTuple::getValueNode).filter(v -> !isNull(v));
  }

  YamlMap map(String key) {
    return of(child(key), value(key).orElse(null), problems);
  }

  String string(String key, String fallback) {
    return scalar(key, fallback, text -> text, "a string");
  }

  boolean bool(String key, boolean fallback) {
    return scalar(key, fallback, YamlMap::parseBoolean, "true or false");
  }

  int integer(String key, int fallback) {
    return scalar(key, fallback, Integer::parseInt, "an integer");
  }

  long longValue(String key, long fallback) {
    return scalar(key, fallback, Long::parseLong, "an integer");
  }

  double number(String key, double fallback) {
    return scalar(key, fallback, YamlMap::parseDouble, "a number");
  }

  <E extends Enum<E>> E enumValue(String key, Class<E> type, E fallback) {
    Optional<Node> value = value(key);
    if (value.isEmpty()) {
      return fallback;
    }
    if (!(value.get() instanceof ScalarNode scalar)) {
      problems.add(
          child(key),
          value.get(),
          "expected one of " + String.join(", ", SpecEnums.yamlNames(type)));
      return fallback;
    }
    Optional<E> parsed = SpecEnums.parse(type, scalar.getValue());
    if (parsed.isEmpty()) {
      problems.add(
          child(key),
          scalar,
          "unknown '"
              + scalar.getValue()
              + "'"
              + Suggestions.didYouMean(scalar.getValue(), SpecEnums.yamlNames(type)));
      return fallback;
    }
    return parsed.get();
  }

  /** A list of scalars; a single scalar is accepted as a one-element list. */
  List<String> stringList(String key, List<String> fallback) {
    Optional<Node> value = value(key);
    if (value.isEmpty()) {
      return fallback;
    }
    return scalars(child(key), value.get(), problems).orElse(fallback);
  }

  List<Integer> intList(String key, List<Integer> fallback) {
    List<String> texts = stringList(key, null);
    if (texts == null) {
      return fallback;
    }
    List<Integer> numbers = new ArrayList<>();
    for (String text : texts) {
      try {
        numbers.add(Integer.parseInt(text));
      } catch (NumberFormatException e) {
        problems.add(
            child(key), value(key).orElse(node), "expected a list of integers, got '" + text + "'");
        return fallback;
      }
    }
    return numbers;
  }

  /** Reports every key of this mapping that no read asked for, with the closest known key. */
  void rejectUnknown() {
    for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
      if (!known.contains(entry.getKey())) {
        problems.add(
            child(entry.getKey()),
            entry.getValue().getKeyNode(),
            "unknown key" + Suggestions.didYouMean(entry.getKey(), known));
      }
    }
  }

  static Optional<List<String>> scalars(String path, Node node, Problems problems) {
    if (node instanceof ScalarNode scalar) {
      return Optional.of(List.of(scalar.getValue()));
    }
    if (node instanceof SequenceNode sequence) {
      List<String> texts = new ArrayList<>();
      for (Node item : sequence.getValue()) {
        if (!(item instanceof ScalarNode scalar)) {
          problems.add(path, item, "expected a list of plain values");
          return Optional.empty();
        }
        texts.add(scalar.getValue());
      }
      return Optional.of(texts);
    }
    problems.add(path, node, "expected a value or a list of values");
    return Optional.empty();
  }

  /**
   * The key of an entry when it is a plain name; a list or mapping as key (YAML's {@code ? [a, b] :
   * 1}) is a problem of the mapping at {@code path}, shown as the user wrote it rather than as
   * SnakeYAML's node dump.
   */
  static Optional<String> plainKey(String path, NodeTuple entry, Problems problems) {
    Node key = entry.getKeyNode();
    if (key instanceof ScalarNode scalar) {
      return Optional.of(scalar.getValue());
    }
    String kind = key instanceof SequenceNode ? "list" : "mapping";
    problems.add(
        path,
        key,
        "a key must be a plain name, not a " + kind + " ('" + shortened(flow(key)) + "')");
    return Optional.empty();
  }

  /** A node in YAML's one-line flow style: {@code [a, b]}, {@code {a: 1}}. */
  static String flow(Node node) {
    if (node instanceof ScalarNode scalar) {
      return scalar.getValue();
    }
    if (node instanceof SequenceNode sequence) {
      return sequence.getValue().stream()
          .map(YamlMap::flow)
          .collect(Collectors.joining(", ", "[", "]"));
    }
    if (node instanceof MappingNode mapping) {
      return mapping.getValue().stream()
          .map(t -> flow(t.getKeyNode()) + ": " + flow(t.getValueNode()))
          .collect(Collectors.joining(", ", "{", "}"));
    }
    return node.getNodeId().name(); // an anchor or alias: nothing a spec needs
  }

  static String shortened(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }

  private <T> T scalar(String key, T fallback, Function<String, T> parse, String expected) {
    Optional<Node> value = value(key);
    if (value.isEmpty()) {
      return fallback;
    }
    if (value.get() instanceof ScalarNode scalar) {
      try {
        return parse.apply(scalar.getValue());
      } catch (IllegalArgumentException e) {
        problems.add(
            child(key), scalar, "expected " + expected + ", got '" + scalar.getValue() + "'");
        return fallback;
      }
    }
    problems.add(child(key), value.get(), "expected " + expected);
    return fallback;
  }

  private static boolean isNull(Node value) {
    return value instanceof ScalarNode scalar && scalar.getTag().getValue().endsWith(":null");
  }

  static boolean parseBoolean(String text) {
    return switch (text.toLowerCase()) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw new IllegalArgumentException(text);
    };
  }

  static double parseDouble(String text) {
    double value = Double.parseDouble(text.trim());
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(text);
    }
    return value;
  }
}
