package dev.unstuck.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * A data-pipeline fault made on purpose, for tests whose truth is known by construction: a
 * header-less gzip CSV written back with its label column (the last) in a random order - every row
 * keeps its features, not its label, so nothing can be learned from it.
 */
public final class ShuffledLabels {
  private ShuffledLabels() {}

  public static Path write(Path gzipCsv, Path out, long seed) throws IOException {
    List<String> lines;
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(gzipCsv)), StandardCharsets.UTF_8))) {
      lines = reader.lines().filter(line -> !line.isBlank()).toList();
    }
    List<String> labels =
        new ArrayList<>(lines.stream().map(l -> l.substring(l.lastIndexOf(',') + 1)).toList());
    Collections.shuffle(labels, new Random(seed));
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      rows.add(lines.get(i).substring(0, lines.get(i).lastIndexOf(',') + 1) + labels.get(i));
    }
    return Files.write(out, rows);
  }
}
