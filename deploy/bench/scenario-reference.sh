#!/usr/bin/env bash
# Checks the expectations of deploy/scenarios/ with the independent reference: every scenario's baseline and listed
# fixes trained with plain single-process DL4J (no Spark, none of Unstuck's training or data code), writing
# deploy/scenarios/REFERENCE.md. With scenario names as arguments, checks only those and prints (writes nothing).
#   deploy/bench/scenario-reference.sh [NAME...]
# REF_FOLDER=deploy/scenarios/auto-checks checks another folder of scenarios (there: fixes that fixes: auto tries
# beyond the listed ones) and writes its REFERENCE.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
# package, never install: the test classes and the class path file, without touching ~/.m2
if [ ! -f jobs/target/launcher.classpath ] || [ -n "$(find common jobs -newer jobs/target/launcher.classpath \
    -name '*.java' -not -path '*/target/*' -print -quit)" ]; then
  echo "scenario-reference: building (mvn package, tests skipped) ..." >&2
  nice -n 19 mvn -B -o -q -DskipTests package -pl common,jobs >&2
  touch jobs/target/launcher.stamp
fi
export OMP_NUM_THREADS=1
exec nice -n 19 java -Xmx3g -cp "jobs/target/test-classes:jobs/target/classes:$(cat jobs/target/test.classpath)" \
  dev.unstuck.scenario.ScenarioReference ${REF_FOLDER:-deploy/scenarios} "$@"
