#!/usr/bin/env bash
# Sweep job benchmark, side by side in one run: plain single-process DL4J, the sweep job with 1 and with 8 variants
# (same model, data and epochs, one JVM, medians of interleaved repetitions), then the same 8 trials with PyTorch +
# Optuna when Debian's python3-torch and python3-optuna are installed. Ends with two machine-readable lines:
#   sweep/ideal: R          the 8-variant sweep's wall time over plain DL4J x 8 / cores
#   one-variant/plain: R    the 1-variant sweep's wall time over plain DL4J
# Usage: deploy/bench/sweep-bench.sh [EPOCHS] [REPS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
EPOCHS="${1:-10}"
REPS="${2:-3}"
mvn -B -q -DskipTests install >/dev/null
mvn -B -q -DskipTests test-compile -pl jobs >/dev/null
OPENS="$(sed -n 's:.*<spark.java17.opens>\(.*\)</spark.java17.opens>.*:\1:p' pom.xml)"
JAVA_OUT="$(mktemp)"
trap 'rm -f "$JAVA_OUT"' EXIT
(cd jobs && java -Xmx6g $OPENS -Dbench.epochs="$EPOCHS" -Dbench.reps="$REPS" \
  -Dlog4j2.configurationFile=src/test/resources/log4j2-test.properties \
  -cp "target/classes:target/test-classes:$(cat target/test.classpath)" dev.unstuck.bench.SweepBenchmark) \
  | grep -v '^\[#* *\] [0-9]*/[0-9]* epochs' | tee "$JAVA_OUT" | grep -v -e '^sweep/ideal:' -e '^one-variant/plain:'
if /usr/bin/python3 -c 'import torch, optuna' 2>/dev/null; then
  echo
  echo "PyTorch + Optuna, the same 8 trials ($EPOCHS epochs):"
  /usr/bin/python3 deploy/bench/torch_optuna_sweep.py --epochs "$EPOCHS"
else
  echo
  echo "PyTorch + Optuna skipped: apt-get install python3-torch python3-optuna to compare"
fi
echo
grep -e '^sweep/ideal:' -e '^one-variant/plain:' "$JAVA_OUT"
