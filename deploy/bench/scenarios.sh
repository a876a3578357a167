#!/usr/bin/env bash
# Runs every scenario of deploy/scenarios/ through `bin/unstuck run` twice - with the spec's listed fixes and with
# `fixes: auto` - and prints one table: scenario, expected, diagnosed, resolving families found, pass/fail, and the
# totals per mode (correct diagnoses, resolving family found, false alarms). Takes long on two cores: start it in
# the background with nice. Each run starts its own Kafka and PostgreSQL (bin/unstuck's default), so scenarios
# cannot see each other's rows.
#   deploy/bench/scenarios.sh [NAME...]        (default: every scenario)
#   RESUME=1 skips runs whose results are there already (exit 0); MODES=auto (or listed) runs one mode only
#   OUT=DIR (default runs/scenarios): results in DIR/listed/NAME/ and DIR/auto/NAME/, the table in DIR/table.txt
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
SCENARIOS="$ROOT/deploy/scenarios"
OUT="${OUT:-runs/scenarios}"
mkdir -p "$OUT/listed" "$OUT/auto" "$OUT/specs"
OUT="$(cd "$OUT" && pwd)"

# Build with `mvn package` (never install: bin/unstuck's own first-use build installs into ~/.m2). The stamp tells
# bin/unstuck the build is current; it is touched again before every run so that a source edited while the suite
# runs cannot start an install build midway (the suite runs the classes built here, at its start).
if [ ! -f jobs/target/launcher.classpath ] || [ ! -f jobs/target/launcher.stamp ] || [ -n "$(find pom.xml common \
    jobs -newer jobs/target/launcher.stamp \( -name '*.java' -o -name '*.avsc' -o -name 'pom.xml' -o -path \
    '*/resources/*' \) -not -path '*/target/*' -print -quit)" ]; then
  echo "scenarios: building (mvn package, tests skipped) ..." >&2
  nice -n 19 mvn -B -o -q -DskipTests package -pl common,jobs >&2
fi
touch jobs/target/launcher.stamp

if [ $# -gt 0 ]; then NAMES=("$@"); else
  NAMES=(); for f in "$SCENARIOS"/*.expect; do n="$(basename "$f")"; NAMES+=("${n%.expect}"); done
fi

# The auto copy of a spec: the data path made absolute (the copy lives elsewhere), the fixes replaced by auto.
auto_spec() {
  local name="$1" target="$OUT/specs/$1-auto.yaml"
  awk -v dir="$SCENARIOS" '
    /^fixes:/ { exit }
    /^  path: / && $2 !~ /^\// { sub(/^  path: /, "  path: " dir "/"); print; next }
    { print }' "$SCENARIOS/$name.yaml" > "$target"
  echo "fixes: auto" >> "$target"
  echo "$target"
}

# Every scenario with its listed fixes first, then every scenario with fixes: auto, so that a suite stopped midway
# has the first mode whole. RESUME=1 keeps the results of runs that ended with exit 0.
for mode in ${MODES:-listed auto}; do
  for name in "${NAMES[@]}"; do
    if [ "${RESUME:-0}" = 1 ] && [ "$(cat "$OUT/$mode/$name.exit" 2>/dev/null)" = 0 ]; then continue; fi
    if [ "$mode" = listed ]; then spec="$SCENARIOS/$name.yaml"; else spec="$(auto_spec "$name")"; fi
    rm -rf "$OUT/$mode/$name"
    touch jobs/target/launcher.stamp
    start=$(date +%s)
    set +e
    nice -n 19 bin/unstuck run "$spec" --out "$OUT/$mode/$name" > "$OUT/$mode/$name.out" 2>&1
    echo $? > "$OUT/$mode/$name.exit"
    set -e
    echo "scenarios: $name ($mode): exit $(cat "$OUT/$mode/$name.exit") in $(( $(date +%s) - start )) s" >&2
  done
done

java -cp "jobs/target/test-classes:jobs/target/classes:$(cat jobs/target/test.classpath)" \
  dev.unstuck.scenario.ScenarioTable "$SCENARIOS" "$OUT" "${NAMES[@]}" | tee "$OUT/table.txt"
