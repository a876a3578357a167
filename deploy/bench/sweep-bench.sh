#!/usr/bin/env bash
# Sweep job benchmark: plain single-process DL4J vs the sweep job with 1 and with 8 variants, same model, data
# and epochs, side by side in one JVM. Usage: deploy/bench/sweep-bench.sh [EPOCHS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
mvn -B -q -DskipTests install >/dev/null
mvn -B -q -DskipTests test-compile -pl jobs >/dev/null
OPENS="$(sed -n 's:.*<spark.java17.opens>\(.*\)</spark.java17.opens>.*:\1:p' pom.xml)"
cd jobs
exec env OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" java -Xmx6g $OPENS -Dbench.epochs="${1:-10}" \
  -Dlog4j2.configurationFile=src/test/resources/log4j2-test.properties \
  -cp "target/classes:target/test-classes:$(cat target/launcher.classpath)" dev.unstuck.bench.SweepBenchmark
