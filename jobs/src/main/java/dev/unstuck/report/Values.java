package dev.unstuck.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads column values whatever shape the database gave them: numbers or their text, PostgreSQL
 * arrays as {@code {A,B}} or JSON arrays, maps as JSON objects.
 */
final class Values {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Values() {}

  static String string(Object value) {
    return value == null ? null : value.toString();
  }

  static Double number(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    String text = value.toString().trim();
    if (text.isEmpty()) {
      return null;
    }
    return switch (text) {
      case "NaN" -> Double.NaN;
      case "Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      default -> Double.valueOf(text);
    };
  }

  static int integer(Object value, int otherwise) {
    Double number = number(value);
    return number == null || number.isNaN() ? otherwise : (int) Math.round(number);
  }

  static boolean bool(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    String text = value == null ? "" : value.toString().trim().toLowerCase(Locale.ROOT);
    return text.equals("true") || text.equals("t") || text.equals("yes") || text.equals("1");
  }

  /** A list of strings from a collection, a PostgreSQL array literal or a JSON array. */
  static List<String> strings(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof Collection<?> items) {
      return items.stream().map(String::valueOf).toList();
    }
    if (value instanceof Object[] items) {
      return Arrays.stream(items).map(String::valueOf).toList();
    }
    String text = value.toString().trim();
    if (text.isEmpty() || text.equals("{}") || text.equals("[]")) {
      return List.of();
    }
    if (text.startsWith("[")) {
      JsonNode node = json(text);
      List<String> items = new ArrayList<>();
      node.forEach(item -> items.add(item.isTextual() ? item.asText() : item.toString()));
      return items;
    }
    if (text.startsWith("{") && text.endsWith("}")) {
      List<String> items = new ArrayList<>();
      for (String item : text.substring(1, text.length() - 1).split(",")) {
        String trimmed = item.trim();
        if (trimmed.startsWith("\"") && trimmed.endsWith("\"") && trimmed.length() >= 2) {
          trimmed = trimmed.substring(1, trimmed.length() - 1).replace("\\\"", "\"");
        }
        items.add(trimmed);
      }
      return items;
    }
    return List.of(text.split("\\s*,\\s*"));
  }

  /** A string map from a map, a JSON object or {@code k=v, k2=v2}. */
  static Map<String, String> stringMap(Object value) {
    Map<String, String> map = new LinkedHashMap<>();
    if (value == null) {
      return map;
    }
    if (value instanceof Map<?, ?> m) {
      m.forEach((k, v) -> map.put(String.valueOf(k), String.valueOf(v)));
      return map;
    }
    String text = value.toString().trim();
    if (text.startsWith("{") && text.contains(":")) {
      json(text)
          .fields()
          .forEachRemaining(
              e ->
                  map.put(
                      e.getKey(),
                      e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
      return map;
    }
    for (String pair : text.replaceAll("^[{]|[}]$", "").split(",")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        map.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
    return map;
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + text, e);
    }
  }

  /** The first of the keys present (camelCase or snake_case spellings). */
  static JsonNode field(JsonNode node, String... keys) {
    for (String key : keys) {
      JsonNode value = node.get(key);
      if (value != null && !value.isNull()) {
        return value;
      }
    }
    return null;
  }
}
