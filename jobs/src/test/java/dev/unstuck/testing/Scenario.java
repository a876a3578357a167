package dev.unstuck.testing;

import dev.unstuck.diagnosis.Symptom;
import dev.unstuck.fix.FixFamily;
import dev.unstuck.fix.SweepExpander;
import dev.unstuck.fix.Variant;
import dev.unstuck.spec.SpecException;
import dev.unstuck.spec.SpecParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * One scenario of {@code deploy/scenarios/}: a spec ({@code NAME.yaml}) and what it must show
 * ({@code NAME.expect}).
 *
 * @param faults the baseline must show at least one of these symptoms; empty for a healthy control
 *     (expected LEARNING with no symptom)
 * @param resolvedBy fix families of which at least one must resolve the fault; empty when nothing
 *     may resolve it
 * @param notResolvedBy fix families among the listed fixes that must not resolve it
 * @param refutedFixes the ids of the spec's listed fixes of those families: the fixes the reference
 *     trained and found not to resolve the fault
 */
public record Scenario(
    String name,
    Path spec,
    Set<Symptom> faults,
    Set<FixFamily> resolvedBy,
    Set<FixFamily> notResolvedBy,
    Set<String> refutedFixes) {

  /** The scenarios shipped with the project (tests run in the jobs/ folder). */
  public static final Path FOLDER =
      Path.of("..", "deploy", "scenarios").toAbsolutePath().normalize();

  public static final String NONE = "NONE";

  public boolean healthy() {
    return faults.isEmpty();
  }

  /** What the baseline must show, as the expect file says it: a symptom, "A|B", or NONE. */
  public String expected() {
    return healthy() ? NONE : String.join("|", faults.stream().map(Enum::name).toList());
  }

  /** Every scenario in {@code folder}, by name. */
  public static List<Scenario> all(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".expect"))
          .sorted()
          .map(Scenario::read)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Scenario named(Path folder, String name) {
    return read(folder.resolve(name + ".expect"));
  }

  /** Reads {@code NAME.expect}; its spec is {@code NAME.yaml} beside it. */
  public static Scenario read(Path expectFile) {
    String file = expectFile.getFileName().toString();
    String name = file.substring(0, file.length() - ".expect".length());
    Map<String, Object> yaml;
    try {
      yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(expectFile));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<Symptom> faults = EnumSet.noneOf(Symptom.class);
    for (String fault : strings(yaml, "fault", expectFile)) {
      if (!fault.equals(NONE)) {
        faults.add(Symptom.valueOf(fault));
      }
    }
    Path spec = expectFile.resolveSibling(name + ".yaml");
    if (!Files.isRegularFile(spec)) {
      throw new IllegalArgumentException(
          expectFile + ": no spec " + spec.getFileName() + " beside it");
    }
    Set<FixFamily> notResolvedBy = families(strings(yaml, "notResolvedBy", expectFile));
    return new Scenario(
        name,
        spec,
        faults,
        families(strings(yaml, "resolvedBy", expectFile)),
        notResolvedBy,
        listedFixesOf(spec, notResolvedBy));
  }

  private static Set<String> listedFixesOf(Path spec, Set<FixFamily> families) {
    try {
      return SweepExpander.expand(SpecParser.parse(spec)).variants().stream()
          .filter(v -> families.contains(v.family()))
          .map(Variant::id)
          .collect(Collectors.toCollection(TreeSet::new));
    } catch (SpecException e) {
      throw new IllegalArgumentException(spec + ": " + e.getMessage(), e);
    }
  }

  private static List<String> strings(Map<String, Object> yaml, String key, Path file) {
    Object value = yaml.get(key);
    if (value == null) {
      throw new IllegalArgumentException(file + ": no '" + key + "'");
    }
    List<String> out = new ArrayList<>();
    if (value instanceof Collection<?> values) {
      values.forEach(v -> out.add(v.toString().trim()));
    } else {
      out.add(value.toString().trim());
    }
    return out;
  }

  private static Set<FixFamily> families(List<String> names) {
    Set<FixFamily> families = EnumSet.noneOf(FixFamily.class);
    names.forEach(n -> families.add(FixFamily.valueOf(n)));
    return families;
  }
}
