#!/usr/bin/env bash
# Data-parallel training on Fashion-MNIST (Debian's dataset-fashion-mnist): training examples/s of one run with 1
# and 2 workers under spark-submit --master local[2], then with 2 workers on a Spark standalone cluster of two worker
# JVMs (../shared/tools/spark-dist/standalone.sh), so the executors really are separate processes. One line per
# case; examples/s is the training split's rows over the epoch's fit time, as the sweep job logs it.
# Usage: deploy/bench/data-parallel-bench.sh [ROWS=20000] [EPOCHS=1] ["AVERAGING FREQUENCIES"="1 4"]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ROWS="${1:-20000}"
EPOCHS="${2:-1}"
FREQUENCIES="${3:-1 4}"
DIST="${SPARK_DIST:-/tmp/spark-3.5-dist}"
TOOLS="$ROOT/../shared/tools/spark-dist"
cd "$ROOT"
[ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] \
  || { echo "needs Fashion-MNIST: apt-get install dataset-fashion-mnist" >&2; exit 2; }
DATA="/tmp/fashion-mnist-$ROWS.csv.gz"
[ -f "$DATA" ] || /usr/bin/python3 deploy/bench/fashion-mnist-csv.py "$DATA" --rows "$ROWS" >/dev/null
mvn -B -q -DskipTests install >/dev/null
mvn -B -q -DskipTests test-compile -pl jobs >/dev/null
[ -x "$DIST/bin/spark-submit" ] || "$TOOLS/make.sh" "$DIST" >/dev/null
if [ -f "$DIST/jars/jackson-core-2.14.3.jar" ]; then # as spark-submit-check.sh: match a real 3.5.7 distribution
  mvn -B -q dependency:copy -Dartifact=com.fasterxml.jackson.core:jackson-core:2.15.2 -DoutputDirectory="$DIST/jars" >/dev/null
  rm "$DIST/jars/jackson-core-2.14.3.jar"
fi
JAR="$ROOT/jobs/target/unstuck-jobs-0.1.0-SNAPSHOT-spark.jar"
OPENS="$(sed -n 's:.*<spark.java17.opens>\(.*\)</spark.java17.opens>.*:\1:p' pom.xml)"
WORK="$(mktemp -d)"
java $OPENS -cp "jobs/target/classes:jobs/target/test-classes:$(cat jobs/target/test.classpath)" \
  dev.unstuck.bench.KafkaForScripts >"$WORK/broker" 2>/dev/null &
BROKER=$!
CLUSTER=""
cleanup() {
  [ -n "$CLUSTER" ] && "$TOOLS/standalone.sh" stop >/dev/null
  kill $BROKER 2>/dev/null; wait $BROKER 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
for _ in $(seq 60); do grep -qE '^127\.0\.0\.1:[0-9]+$' "$WORK/broker" && break; sleep 1; done
BOOTSTRAP="$(grep -m1 -E '^127\.0\.0\.1:[0-9]+$' "$WORK/broker")"

spec() { # workers
  cat > "$WORK/fashion-$1.yaml" <<YAML
name: fashion-$1
data:
  path: $DATA
  header: false
  label: last
model:
  hidden: [128]
  activation: relu
training:
  optimizer: adam
  learningRate: 0.001
  batchSize: 64
  epochs: $EPOCHS
  normalizeInputs: minmax
  seeds: 1
  workers: $1
  parallelism: data
fixes: []
YAML
  echo "$WORK/fashion-$1.yaml"
}

run() { # label master workers frequency
  local log="$WORK/run.log" start end
  start=$(date +%s.%N)
  "$DIST/bin/spark-submit" --master "$2" --driver-memory 4g --class dev.unstuck.sweep.SweepJob "$JAR" \
    --spec "$(spec "$3")" --bootstrap-servers "$BOOTSTRAP" --averaging-frequency "$4" >"$log" 2>&1 \
    || { echo "$1: failed, see below"; tail -20 "$log"; return 1; }
  end=$(date +%s.%N)
  local rates
  rates="$(sed -n 's/.* epoch \([0-9]*\)\/[0-9]* (data): fit \([0-9]*\) ms, \([0-9]*\) examples\/s.*/epoch \1 \3 examples\/s (fit \2 ms)/p' "$log" | paste -sd ';' -)"
  printf '%-44s workers=%s averaging every %-2s  %s; whole job %.0f s\n' "$1" "$3" "$4" "${rates:-no epoch line}" \
    "$(echo "$end - $start" | bc)"
}

echo "Fashion-MNIST, $ROWS rows (80 % training), $EPOCHS epoch(s), MLP 784-128-10, batch 64; broker $BOOTSTRAP"
for f in $FREQUENCIES; do
  run "spark-submit local[2]" 'local[2]' 1 "$f"
  run "spark-submit local[2]" 'local[2]' 2 "$f"
done
CLUSTER="$("$TOOLS/standalone.sh" start 2 1 4g | tail -1)"
for f in $FREQUENCIES; do
  run "standalone, 2 worker JVMs x 1 core" "$CLUSTER" 2 "$f"
done
