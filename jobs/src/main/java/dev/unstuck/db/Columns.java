package dev.unstuck.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one codec of the results tables' typed columns, both ways: symptom lists as {@code text[]},
 * evidence and hints as {@code jsonb} arrays of {@link EvidenceRow}, a fix's settings as a {@code
 * jsonb} object of strings. The reader is strict: a value in a shape the writer never writes (a
 * null element, a number where a string belongs, a missing or unknown key) is a {@link
 * SQLDataException} naming the table and column, never a guess.
 */
final class Columns {
  private static final TypeReference<List<EvidenceRow>> FINDINGS = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> SETTINGS = new TypeReference<>() {};

  /**
   * Reads JSON only as written: no number or boolean read as a string or the other way round (NaN
   * and Infinity are strings in JSON, and are read as the doubles they stand for), every key
   * present, none unknown.
   */
  private static final ObjectMapper JSON = strictMapper();

  private Columns() {}

  private static ObjectMapper strictMapper() {
    ObjectMapper mapper =
        JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    for (CoercionInputShape shape :
        List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
      mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
    }
    return mapper;
  }

  /** A symptom list as {@code text[]}, in the order given. */
  static void setSymptoms(PreparedStatement ps, int index, List<String> symptoms)
      throws SQLException {
    ps.setArray(index, ps.getConnection().createArrayOf("text", symptoms.toArray(String[]::new)));
  }

  /** Evidence or hints as a {@code jsonb} array. */
  static void setFindings(PreparedStatement ps, int index, List<EvidenceRow> findings)
      throws SQLException {
    setJson(ps, index, findings);
  }

  /** A fix's settings as a {@code jsonb} object, keys sorted. */
  static void setSettings(PreparedStatement ps, int index, Map<String, String> settings)
      throws SQLException {
    setJson(ps, index, new TreeMap<>(settings));
  }

  static void setDouble(PreparedStatement ps, int index, Double value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.DOUBLE);
    } else {
      ps.setDouble(index, value);
    }
  }

  private static void setJson(PreparedStatement ps, int index, Object value) throws SQLException {
    try {
      ps.setObject(index, JSON.writeValueAsString(value), Types.OTHER);
    } catch (JsonProcessingException e) {
      throw new SQLDataException(
          "cannot write " + value + " as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** A {@code text[]} symptom list; {@code table} names the table in an error. */
  static List<String> symptoms(ResultSet rs, String table, String column) throws SQLException {
    Array array = rs.getArray(column);
    if (array == null) {
      throw wrongShape(table, column, rs, "null, not an array");
    }
    try {
      Object elements = array.getArray();
      if (!(elements instanceof String[] names)) {
        throw wrongShape(table, column, rs, "not an array of text");
      }
      List<String> symptoms = new ArrayList<>(names.length);
      for (String name : names) {
        if (name == null || name.isBlank()) {
          throw wrongShape(
              table, column, rs, "an empty or null symptom in " + Arrays.toString(names));
        }
        symptoms.add(name);
      }
      return List.copyOf(symptoms);
    } finally {
      array.free();
    }
  }

  /** A {@code jsonb} array of findings (evidence or hints). */
  static List<EvidenceRow> findings(ResultSet rs, String table, String column) throws SQLException {
    List<EvidenceRow> findings = json(rs, table, column, FINDINGS);
    if (findings.contains(null)) {
      throw wrongShape(table, column, rs, "a null finding");
    }
    return List.copyOf(findings);
  }

  /** A {@code jsonb} object of a fix's settings. */
  static Map<String, String> settings(ResultSet rs, String table, String column)
      throws SQLException {
    Map<String, String> settings = json(rs, table, column, SETTINGS);
    if (settings.containsValue(null)) {
      throw wrongShape(table, column, rs, "a setting without a value: " + settings);
    }
    return Map.copyOf(settings);
  }

  /** A nullable {@code double precision} (NaN and the infinities as such). */
  static Double nullableDouble(ResultSet rs, String column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? null : value;
  }

  private static <T> T json(ResultSet rs, String table, String column, TypeReference<T> type)
      throws SQLException {
    String text = rs.getString(column);
    if (text == null) {
      throw wrongShape(table, column, rs, "null");
    }
    try {
      T value = JSON.readValue(text, type);
      if (value == null) {
        throw wrongShape(table, column, rs, "JSON null, not " + type.getType().getTypeName());
      }
      return value;
    } catch (JsonProcessingException e) {
      throw wrongShape(table, column, rs, e.getOriginalMessage() + " (value: " + text + ")");
    }
  }

  /** E.g. {@code run_diagnosis.symptoms of run s/baseline/seed-1: null, not an array}. */
  private static SQLDataException wrongShape(
      String table, String column, ResultSet rs, String problem) throws SQLException {
    return new SQLDataException(
        table + "." + column + " of " + rowName(table, rs) + ": " + problem);
  }

  private static String rowName(String table, ResultSet rs) throws SQLException {
    return switch (table) {
      case "fix_outcome" ->
          "fix " + rs.getString("variant_id") + ", symptom " + rs.getString("baseline_symptom");
      default -> "run " + rs.getString("run_id");
    };
  }
}
