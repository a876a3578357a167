package dev.unstuck.stream;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** What the stream has done since it started (this JVM): for logs, tests and the benchmark. */
public final class StreamCounters {
  private final AtomicLong telemetry = new AtomicLong();
  private final AtomicLong diagnoses = new AtomicLong();
  private final AtomicLong verdicts = new AtomicLong();
  private final Map<String, AtomicLong> deadLetters = new ConcurrentHashMap<>();
  private final AtomicLong setAside = new AtomicLong();

  void addTelemetry(long n) {
    telemetry.addAndGet(n);
  }

  void addDiagnoses(long runDiagnoses, long fixVerdicts) {
    diagnoses.addAndGet(runDiagnoses);
    verdicts.addAndGet(fixVerdicts);
  }

  void addDeadLetter(String reason) {
    deadLetters.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
  }

  void addSetAside(long n) {
    setAside.addAndGet(n);
  }

  /** Telemetry records written to the tables (valid ones, duplicates included). */
  public long telemetry() {
    return telemetry.get();
  }

  /** Run diagnoses published. */
  public long diagnoses() {
    return diagnoses.get();
  }

  /** Fix verdict rows published. */
  public long verdicts() {
    return verdicts.get();
  }

  /** Messages copied to the dead-letter topic. */
  public long deadLetters() {
    return deadLetters.values().stream().mapToLong(AtomicLong::get).sum();
  }

  /**
   * Stored records the diagnosis state could not read back (a schema newer than this job), copied
   * to the dead-letter topic; not part of {@link #deadLetters()}, which counts messages off the
   * telemetry topic.
   */
  public long setAside() {
    return setAside.get();
  }

  /** Dead letters per reason (NOT_SINGLE_OBJECT, UNKNOWN_SCHEMA, CORRUPT, INVALID). */
  public Map<String, Long> deadLettersByReason() {
    Map<String, Long> counts = new TreeMap<>();
    deadLetters.forEach((reason, n) -> counts.put(reason, n.get()));
    return counts;
  }

  @Override
  public String toString() {
    return "telemetry="
        + telemetry()
        + " diagnoses="
        + diagnoses()
        + " verdicts="
        + verdicts()
        + " deadLetters="
        + deadLettersByReason()
        + " setAsideFromState="
        + setAside();
  }
}
