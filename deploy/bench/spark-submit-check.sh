#!/usr/bin/env bash
# Proves the shaded jar runs under spark-submit on a stock Spark 3.5 distribution (only Spark's own jars: no
# Kafka connector, no Avro data source, no DL4J), exactly as on a cluster: a real local broker, then the sweep.
# Usage: deploy/bench/spark-submit-check.sh [SPEC]   (default: deploy/examples/diverging-lr.yaml)
#        STANDALONE=1 deploy/bench/spark-submit-check.sh [SPEC]   on a Spark standalone cluster of two worker JVMs
#        (../shared/tools/spark-dist/standalone.sh): runs trained whole in executor processes publish from there
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SPEC="$(cd "$(dirname "${1:-$ROOT/deploy/examples/diverging-lr.yaml}")" && pwd)/$(basename "${1:-diverging-lr.yaml}")"
DIST="${SPARK_DIST:-/tmp/spark-3.5-dist}"
cd "$ROOT"
mvn -B -q -DskipTests install >/dev/null
mvn -B -q -DskipTests test-compile -pl jobs >/dev/null
[ -x "$DIST/bin/spark-submit" ] || "$ROOT/../shared/tools/spark-dist/make.sh" "$DIST" >/dev/null
# The assembled dist resolves jackson-core 2.14.3 (Maven's nearest-wins without Spark's dependencyManagement); a
# real Spark 3.5.7 distribution ships jackson-core 2.15.2, which its own Avro 1.11.4 needs. Match the real one.
if [ -f "$DIST/jars/jackson-core-2.14.3.jar" ]; then
  mvn -B -q dependency:copy -Dartifact=com.fasterxml.jackson.core:jackson-core:2.15.2 -DoutputDirectory="$DIST/jars" >/dev/null
  rm "$DIST/jars/jackson-core-2.14.3.jar"
fi
OPENS="$(sed -n 's:.*<spark.java17.opens>\(.*\)</spark.java17.opens>.*:\1:p' pom.xml)"
BROKER_OUT="$(mktemp)"
java $OPENS -cp "jobs/target/classes:jobs/target/test-classes:$(cat jobs/target/test.classpath)" \
  dev.unstuck.bench.KafkaForScripts >"$BROKER_OUT" 2>/dev/null &
BROKER=$!
MASTER='local[2]'
if [ -n "${STANDALONE:-}" ]; then
  MASTER="$("$ROOT/../shared/tools/spark-dist/standalone.sh" start 2 1 3g | tail -1)"
fi
trap 'kill $BROKER 2>/dev/null; wait $BROKER 2>/dev/null || true; rm -f "$BROKER_OUT"; [ -z "${STANDALONE:-}" ] || "$ROOT/../shared/tools/spark-dist/standalone.sh" stop >/dev/null' EXIT
for _ in $(seq 60); do grep -qE '^127\.0\.0\.1:[0-9]+$' "$BROKER_OUT" && break; sleep 1; done
BOOTSTRAP="$(grep -m1 -E '^127\.0\.0\.1:[0-9]+$' "$BROKER_OUT")"
echo "broker at $BOOTSTRAP; spark-submit --master $MASTER from $DIST"
"$DIST/bin/spark-submit" --master "$MASTER" --class dev.unstuck.sweep.SweepJob \
  "$ROOT/jobs/target/unstuck-jobs-0.1.0-SNAPSHOT-spark.jar" --spec "$SPEC" --bootstrap-servers "$BOOTSTRAP"
