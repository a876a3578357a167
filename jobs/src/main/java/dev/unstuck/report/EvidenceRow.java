package dev.unstuck.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a symptom was raised, as read back from a results row (the domain form is {@code
 * diagnosis.Evidence}): the metric, the epochs, the value and the threshold it crossed, in a
 * sentence.
 */
public record EvidenceRow(
    String symptom,
    String metric,
    Integer fromEpoch,
    Integer toEpoch,
    Double value,
    Double threshold,
    String explanation) {

  /**
   * Evidence items from the {@code evidence} column: {@code SYMPTOM: explanation} lines, or a JSON
   * array of objects (camelCase or snake_case keys).
   */
  public static List<EvidenceRow> parseAll(Object column) {
    if (column == null) {
      return List.of();
    }
    String text = column.toString().trim();
    if (text.isEmpty() || text.equals("[]") || text.equals("null")) {
      return List.of();
    }
    if (!text.startsWith("[") && !text.startsWith("{")) {
      return lines(text);
    }
    JsonNode root = Values.json(text);
    List<EvidenceRow> items = new ArrayList<>();
    if (root.isArray()) {
      root.forEach(node -> items.add(of(node)));
    } else if (root.isObject() && root.has("symptom")) {
      items.add(of(root));
    } else {
      // {"DIVERGING": {...}, ...} or {"DIVERGING": "text"}
      root.fields()
          .forEachRemaining(
              e -> {
                EvidenceRow item =
                    e.getValue().isObject()
                        ? of(e.getValue())
                        : new EvidenceRow(
                            null, null, null, null, null, null, e.getValue().asText());
                items.add(item.symptom() == null ? item.withSymptom(e.getKey()) : item);
              });
    }
    return items;
  }

  /** {@code SYMPTOM: what raised it} per line, as the results tables store it. */
  static List<EvidenceRow> lines(String text) {
    List<EvidenceRow> items = new ArrayList<>();
    for (String line : text.split("\\R")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      Matcher named = SYMPTOM_LINE.matcher(trimmed);
      items.add(
          named.matches()
              ? new EvidenceRow(
                  named.group(1), null, null, null, null, null, named.group(2).strip())
              : new EvidenceRow(null, null, null, null, null, null, trimmed));
    }
    return items;
  }

  private static final Pattern SYMPTOM_LINE = Pattern.compile("([A-Z][A-Z0-9_]+)\\s*:\\s*(.*)");

  static EvidenceRow of(JsonNode node) {
    return new EvidenceRow(
        text(node, "symptom"),
        text(node, "metric"),
        integer(node, "fromEpoch", "from_epoch"),
        integer(node, "toEpoch", "to_epoch"),
        number(node, "value"),
        number(node, "threshold"),
        text(node, "explanation", "message"));
  }

  EvidenceRow withSymptom(String name) {
    return new EvidenceRow(name, metric, fromEpoch, toEpoch, value, threshold, explanation);
  }

  /** E.g. {@code val_loss, epochs 3-5: NaN (threshold 1e+05)}. */
  public String measurement() {
    StringBuilder text = new StringBuilder();
    if (metric != null) {
      text.append(metric);
    }
    if (fromEpoch != null) {
      text.append(text.length() == 0 ? "" : ", ")
          .append(
              toEpoch == null || toEpoch.equals(fromEpoch)
                  ? "epoch " + fromEpoch
                  : "epochs " + fromEpoch + "-" + toEpoch);
    }
    if (value != null) {
      text.append(text.length() == 0 ? "" : ": ").append(Format.number(value));
      if (threshold != null) {
        text.append(" (threshold ").append(Format.number(threshold)).append(')');
      }
    }
    return text.toString();
  }

  private static String text(JsonNode node, String... keys) {
    JsonNode value = Values.field(node, keys);
    return value == null ? null : value.asText();
  }

  private static Integer integer(JsonNode node, String... keys) {
    JsonNode value = Values.field(node, keys);
    return value == null ? null : value.asInt();
  }

  private static Double number(JsonNode node, String... keys) {
    JsonNode value = Values.field(node, keys);
    if (value == null) {
      return null;
    }
    return value.isNumber() ? value.asDouble() : Values.number(value.asText());
  }
}
