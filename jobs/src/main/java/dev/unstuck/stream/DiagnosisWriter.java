package dev.unstuck.stream;

import dev.unstuck.avro.FixVerdict;
import dev.unstuck.avro.RunDiagnosis;
import dev.unstuck.db.PostgresStore;
import dev.unstuck.db.ResultTables;
import dev.unstuck.kafka.KafkaPublisher;
import dev.unstuck.wire.Codecs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code foreachBatch} of the diagnosis query: publishes each diagnosis and verdict to the
 * diagnosis topic, then writes {@code run_diagnosis} and {@code fix_outcome} in one transaction; a
 * record the state set aside goes to the dead-letter topic, with its reason and {@code
 * state/<sweep>} as source. Runs on the driver; the records are few (one per changed run and per
 * affected fix and symptom).
 */
public final class DiagnosisWriter implements VoidFunction2<Dataset<DiagnosisOutput>, Long> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(DiagnosisWriter.class);

  /**
   * Header naming the record type (RunDiagnosis or FixVerdict), for consumers that route without
   * decoding.
   */
  public static final String TYPE_HEADER = "unstuck.type";

  private final transient PostgresStore store;
  private final transient KafkaPublisher publisher;
  private final String diagnosisTopic;
  private final String deadLetterTopic;
  private final transient StreamCounters counters;

  public DiagnosisWriter(
      PostgresStore store,
      KafkaPublisher publisher,
      String diagnosisTopic,
      String deadLetterTopic,
      StreamCounters counters) {
    this.store = store;
    this.publisher = publisher;
    this.diagnosisTopic = diagnosisTopic;
    this.deadLetterTopic = deadLetterTopic;
    this.counters = counters;
  }

  @Override
  public void call(Dataset<DiagnosisOutput> batch, Long batchId) throws Exception {
    long start = System.nanoTime();
    List<DiagnosisOutput> outputs = batch.collectAsList();
    if (outputs.isEmpty()) {
      return;
    }
    long diagnosed = System.nanoTime();
    List<RunDiagnosis> diagnoses = new ArrayList<>();
    List<FixVerdict> verdicts = new ArrayList<>();
    int setAside = 0;
    for (DiagnosisOutput out : outputs) {
      String type;
      if (DiagnosisOutput.DEAD_LETTER.equals(out.getKind())) {
        publisher.send(
            deadLetterTopic,
            out.getKey().getBytes(StandardCharsets.UTF_8),
            out.getPayload(),
            List.of(
                new RecordHeader(
                    IngestWriter.REASON_HEADER, out.getReason().getBytes(StandardCharsets.UTF_8)),
                new RecordHeader(
                    IngestWriter.SOURCE_HEADER,
                    ("state/" + out.getKey()).getBytes(StandardCharsets.UTF_8))));
        setAside++;
        continue;
      }
      if (DiagnosisOutput.RUN_DIAGNOSIS.equals(out.getKind())) {
        diagnoses.add(Codecs.RUN_DIAGNOSIS.decode(out.getPayload()));
        type = "RunDiagnosis";
      } else {
        verdicts.add(Codecs.FIX_VERDICT.decode(out.getPayload()));
        type = "FixVerdict";
      }
      publisher.send(
          diagnosisTopic,
          out.getKey().getBytes(StandardCharsets.UTF_8),
          out.getPayload(),
          List.of(new RecordHeader(TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8))));
    }
    publisher.flush();
    if (setAside > 0) {
      counters.addSetAside(setAside);
      LOG.warn(
          "micro-batch {}: {} stored telemetry records the state could not read copied to {}",
          batchId,
          setAside,
          deadLetterTopic);
    }
    store.inTransaction(
        "micro-batch "
            + batchId
            + " of diagnoses ("
            + diagnoses.size()
            + " runs, "
            + verdicts.size()
            + " verdict rows)",
        c -> ResultTables.writeDiagnoses(c, diagnoses, verdicts));
    counters.addDiagnoses(diagnoses.size(), verdicts.size());
    LOG.info(
        "micro-batch {}: {} run diagnoses, {} verdict rows; diagnosed in {} ms, published and"
            + " written in {} ms",
        batchId,
        diagnoses.size(),
        verdicts.size(),
        (diagnosed - start) / 1_000_000,
        (System.nanoTime() - diagnosed) / 1_000_000);
  }
}
