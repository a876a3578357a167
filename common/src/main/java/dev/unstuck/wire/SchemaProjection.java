package dev.unstuck.wire;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.Schema;

/**
 * A reader schema keeping only some fields of a record schema. Read through it, Avro's schema
 * resolution skips the other fields of each record instead of building them, so a reader that needs
 * four fields of a record with per-layer arrays pays for the four. The projection keeps the
 * record's full name, which resolution matches against the writer's.
 */
public final class SchemaProjection {
  private SchemaProjection() {}

  /**
   * {@code record} with only {@code fields}, in the record's order, each with its own type, default
   * and documentation.
   *
   * @throws IllegalArgumentException when a name is not a field of {@code record}
   */
  public static Schema of(Schema record, Collection<String> fields) {
    if (record.getType() != Schema.Type.RECORD) {
      throw new IllegalArgumentException(record.getFullName() + " is not a record schema");
    }
    Set<String> unknown = new TreeSet<>(fields);
    List<Schema.Field> kept = new ArrayList<>();
    for (Schema.Field field : record.getFields()) {
      if (unknown.remove(field.name())) {
        kept.add(new Schema.Field(field, field.schema()));
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "not fields of " + record.getFullName() + ": " + String.join(", ", unknown));
    }
    Schema projection =
        Schema.createRecord(
            record.getName(), record.getDoc(), record.getNamespace(), record.isError(), kept);
    record.getAliases().forEach(projection::addAlias);
    return projection;
  }
}
