package dev.unstuck.scenario;

import dev.unstuck.spec.DataSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A scenario's CSV file read by plain Java, not by Unstuck's {@code DatasetLoader}: numeric feature
 * columns and the label as text. Classes are numbered in the label's alphabetical order (as Unstuck
 * documents). Only what the scenarios need: numeric features, quotes around a field stripped.
 *
 * @param classes class names, index = class number
 * @param labels each row's class number
 */
record ReferenceTable(
    List<String> featureNames, double[][] features, List<String> classes, int[] labels) {

  int rows() {
    return labels.length;
  }

  int numClasses() {
    return classes.size();
  }

  static ReferenceTable read(DataSpec spec) throws IOException {
    Path file =
        spec.path().startsWith("file:") ? Path.of(URI.create(spec.path())) : Path.of(spec.path());
    List<String[]> lines = new ArrayList<>();
    String separator = Pattern.quote(spec.delimiter());
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank()) {
          String[] fields = line.split(separator, -1);
          for (int i = 0; i < fields.length; i++) {
            fields[i] = unquote(fields[i].trim());
          }
          lines.add(fields);
        }
      }
    }
    int width = lines.get(0).length;
    String[] header = new String[width];
    for (int i = 0; i < width; i++) {
      header[i] = spec.header() ? lines.get(0)[i] : "_c" + i;
    }
    List<String[]> body = spec.header() ? lines.subList(1, lines.size()) : lines;
    int labelColumn = labelColumn(spec, header);
    List<Integer> featureColumns = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      boolean listed =
          spec.features().isEmpty() ? i != labelColumn : spec.features().contains(header[i]);
      if (listed) {
        featureColumns.add(i);
      }
    }
    TreeSet<String> classNames = new TreeSet<>();
    body.forEach(fields -> classNames.add(fields[labelColumn]));
    List<String> classes = List.copyOf(classNames);
    double[][] features = new double[body.size()][featureColumns.size()];
    int[] labels = new int[body.size()];
    for (int r = 0; r < body.size(); r++) {
      String[] fields = body.get(r);
      for (int f = 0; f < featureColumns.size(); f++) {
        String text = fields[featureColumns.get(f)];
        try {
          features[r][f] = Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              file
                  + ": column '"
                  + header[featureColumns.get(f)]
                  + "' row "
                  + (r + 1)
                  + " is not a number ('"
                  + text
                  + "'); the reference reads numeric features only");
        }
      }
      labels[r] = classes.indexOf(fields[labelColumn]);
    }
    List<String> names = featureColumns.stream().map(i -> header[i]).toList();
    return new ReferenceTable(names, features, classes, labels);
  }

  private static int labelColumn(DataSpec spec, String[] header) {
    if (spec.label().equals("last")) {
      return header.length - 1;
    }
    if (!spec.header() && spec.label().matches("\\d+")) {
      return Integer.parseInt(spec.label());
    }
    for (int i = 0; i < header.length; i++) {
      if (header[i].equals(spec.label())) {
        return i;
      }
    }
    throw new IllegalArgumentException("no label column '" + spec.label() + "'");
  }

  private static String unquote(String field) {
    return field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"")
        ? field.substring(1, field.length() - 1)
        : field;
  }
}
