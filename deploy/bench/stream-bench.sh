#!/usr/bin/env bash
# Diagnosis stream benchmark on this machine (in-process KRaft broker, embedded PostgreSQL, Spark local[2]):
# latency p50/p95 from a telemetry record produced to its run_diagnosis / fix_outcome row visible, and end-to-end
# throughput replaying RUNS x EPOCHS synthetic telemetry.
# Usage: deploy/bench/stream-bench.sh [TRIGGER] [RUNS] [EPOCHS]   e.g. deploy/bench/stream-bench.sh "2 seconds" 1000 100
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
# Built in the reactor, never installed: ~/.m2 is shared with other checkouts, and an installed common would make
# their builds (and this one's test.classpath) run on whichever checkout installed last. This checkout's common
# classes go first on the classpath so they win over any unstuck-common jar test.classpath names.
nice -n 19 mvn -B -q -o -DskipTests package -pl common,jobs >/dev/null
OPENS="$(sed -n 's:.*<spark.java17.opens>\(.*\)</spark.java17.opens>.*:\1:p' pom.xml)"
cd jobs
exec java -Xmx4g $OPENS -Dbench.trigger="${1:-2 seconds}" -Dbench.runs="${2:-1000}" -Dbench.epochs="${3:-100}" \
  -Dlog4j2.configurationFile=src/test/resources/log4j2-test.properties \
  -cp "../common/target/classes:../common/target/test-classes:target/classes:target/test-classes:$(cat target/test.classpath)" \
  dev.unstuck.stream.StreamBench
