package dev.unstuck.verdict;

import dev.unstuck.diagnosis.Symptom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sweep's answer in words: per baseline symptom, the fixes that resolved it - or, plainly, that none did.
 * Some tasks cannot be learned from the data given, and saying so is part of the answer.
 */
public final class SweepSummary {
  private SweepSummary() {}

  /** @param judgements fix id -> its judgement */
  public static List<String> lines(Map<String, Judgement> judgements) {
    Map<Symptom, List<String>> resolvedBy = new TreeMap<>();
    judgements.values().forEach(j -> j.baselineSymptoms().forEach(s -> resolvedBy.putIfAbsent(s, new ArrayList<>())));
    judgements.forEach((fix, j) -> j.baselineSymptoms().stream()
        .filter(j::resolves)
        .forEach(s -> resolvedBy.get(s).add(fix)));
    List<String> lines = new ArrayList<>();
    if (resolvedBy.isEmpty()) {
      lines.add("The baseline shows no symptom: nothing to fix.");
    }
    resolvedBy.forEach((symptom, fixes) -> lines.add(fixes.isEmpty()
        ? symptom + ": no fix resolved it"
        : symptom + ": resolved by " + String.join(", ", fixes)));
    return lines;
  }
}
