package dev.unstuck.wire;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * Every writer schema one record type has been published with, oldest first: the files {@code
 * avro-history/<Name>/v1.avsc}, {@code v2.avsc}, ... on the class path (kept in {@code
 * common/src/main/resources}). Records stay on topics and in the stream job's state for as long as
 * they are retained, so a reader must know every schema a producer of any release wrote with; a
 * release that changes a schema adds the next version here (SchemaHistoryTest fails until it does)
 * and never edits or removes one.
 */
public final class SchemaHistory {
  /** The class-path folder the versions live under. */
  public static final String ROOT = "avro-history/";

  private final String name;
  private final List<Schema> versions;
  private final Map<Long, Schema> byFingerprint = new LinkedHashMap<>();

  private SchemaHistory(String name, List<Schema> versions) {
    this.name = name;
    this.versions = List.copyOf(versions);
    for (Schema schema : versions) {
      byFingerprint.putIfAbsent(SchemaNormalization.parsingFingerprint64(schema), schema);
    }
  }

  /**
   * The published versions of the record type named {@code name} (simple name, e.g.
   * EpochTelemetry).
   */
  public static SchemaHistory of(String name) {
    List<Schema> versions = new ArrayList<>();
    ClassLoader loader = SchemaHistory.class.getClassLoader();
    for (int v = 1; ; v++) {
      String path = resource(name, v);
      try (InputStream in = loader.getResourceAsStream(path)) {
        if (in == null) {
          break;
        }
        // a parser per version: every version defines the same full names
        versions.add(new Schema.Parser().parse(in));
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException(
            "cannot read the published schema " + path + ": " + e.getMessage(), e);
      }
    }
    if (versions.isEmpty()) {
      throw new IllegalStateException(
          "no published schema of " + name + " under " + ROOT + name + "/");
    }
    return new SchemaHistory(name, versions);
  }

  /** The class-path resource of version {@code version} of {@code name}. */
  public static String resource(String name, int version) {
    return ROOT + name + "/v" + version + ".avsc";
  }

  public String name() {
    return name;
  }

  /** Oldest first; version n is {@code versions().get(n - 1)}. */
  public List<Schema> versions() {
    return versions;
  }

  /**
   * Distinct writer schemas by their single-object fingerprint (CRC-64-AVRO of the parsing
   * canonical form).
   */
  public Map<Long, Schema> byFingerprint() {
    return Collections.unmodifiableMap(byFingerprint);
  }

  /**
   * The version number (1-based) of the first published version with {@code schema}'s fingerprint.
   */
  public Optional<Integer> versionOf(Schema schema) {
    long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
    for (int i = 0; i < versions.size(); i++) {
      if (SchemaNormalization.parsingFingerprint64(versions.get(i)) == fingerprint) {
        return Optional.of(i + 1);
      }
    }
    return Optional.empty();
  }
}
