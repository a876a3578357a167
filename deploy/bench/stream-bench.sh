#!/usr/bin/env bash
# Diagnosis stream benchmark on this machine (in-process KRaft broker, embedded PostgreSQL, Spark local[2]):
# latency p50/p95 from a telemetry record produced to its run_diagnosis / fix_outcome row visible, and end-to-end
# throughput replaying RUNS x EPOCHS synthetic telemetry.
# Usage: deploy/bench/stream-bench.sh [TRIGGER] [RUNS] [EPOCHS]   e.g. deploy/bench/stream-bench.sh "2 seconds" 1000 100
#
# With --state-only, the stateful step alone (StreamStateBench: no broker, database or Spark job): RUNS x EPOCHS
# replayed one batch per sweep, and a live sweep of LIVE_RUNS x LIVE_EPOCHS one epoch per batch, with the bytes of
# its stored state at the end.
# Usage: deploy/bench/stream-bench.sh --state-only [RUNS] [EPOCHS] [LIVE_RUNS] [LIVE_EPOCHS]   (1000 100 200 500)
#
# With --decode-only, each query's Spark plan alone (StreamDecodeBench: no broker or database) on the replay's
# records, decoding every field against only the fields the query reads, side by side in alternating rounds.
# Usage: deploy/bench/stream-bench.sh --decode-only [RUNS] [EPOCHS] [ROUNDS]   (1000 100 3)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
# Built in the reactor, never installed: ~/.m2 is shared with other checkouts, and an installed common would make
# their builds (and this one's test.classpath) run on whichever checkout installed last. This checkout's common
# classes go first on the classpath so they win over any unstuck-common jar test.classpath names.
nice -n 19 mvn -B -q -o -DskipTests package -pl common,jobs >/dev/null
OPENS="$(sed -n 's:.*<spark.java17.opens>\(.*\)</spark.java17.opens>.*:\1:p' pom.xml)"
cd jobs
CP="../common/target/classes:../common/target/test-classes:target/classes:target/test-classes:$(cat target/test.classpath)"
LOGGING=-Dlog4j2.configurationFile=src/test/resources/log4j2-test.properties
if [ "${1:-}" = "--state-only" ]; then
  exec java -Xmx4g $OPENS -Dbench.runs="${2:-1000}" -Dbench.epochs="${3:-100}" -Dbench.liveRuns="${4:-200}" \
    -Dbench.liveEpochs="${5:-500}" "$LOGGING" -cp "$CP" dev.unstuck.stream.StreamStateBench
fi
if [ "${1:-}" = "--decode-only" ]; then
  exec java -Xmx4g $OPENS -Dbench.runs="${2:-1000}" -Dbench.epochs="${3:-100}" -Dbench.rounds="${4:-3}" \
    "$LOGGING" -cp "$CP" dev.unstuck.stream.StreamDecodeBench
fi
exec java -Xmx4g $OPENS -Dbench.trigger="${1:-2 seconds}" -Dbench.runs="${2:-1000}" -Dbench.epochs="${3:-100}" \
  "$LOGGING" -cp "$CP" dev.unstuck.stream.StreamBench
