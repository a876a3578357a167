# Shared by submit-sweep.sh and submit-diagnosis.sh (sourced, not run).
# Sets SPARK_SUBMIT, JAR, SUBMIT_OPTS (spark-submit options) and JOB_OPTS (job flags) from the environment and the
# script's arguments: arguments before `--` go to spark-submit, after it to the job.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

fail() { echo "$(basename "$0"): $*" >&2; exit 2; }
need() { [ -n "${!1:-}" ] || fail "set $1 ($2)"; }

if [ -n "${SPARK_SUBMIT:-}" ]; then :
elif [ -n "${SPARK_HOME:-}" ]; then SPARK_SUBMIT="$SPARK_HOME/bin/spark-submit"
else SPARK_SUBMIT=spark-submit
fi
# The shaded jar: built by `mvn -B -DskipTests package`; a local://, hdfs:// or s3a:// URI works too.
JAR="${UNSTUCK_JAR:-$HERE/../../jobs/target/unstuck-jobs-0.1.0-SNAPSHOT-spark.jar}"
check_jar() {
  case "$JAR" in
    *://*) ;;
    *) [ -f "$JAR" ] || fail "no jar at $JAR: build it with 'mvn -B -DskipTests package' or set UNSTUCK_JAR" ;;
  esac
}

SUBMIT_OPTS=()
if [ -n "${SPARK_MASTER:-}" ]; then SUBMIT_OPTS+=(--master "$SPARK_MASTER"); fi
if [ -n "${DEPLOY_MODE:-}" ]; then SUBMIT_OPTS+=(--deploy-mode "$DEPLOY_MODE"); fi
# Every setting of spark-defaults.conf (or SPARK_PROPERTIES) as --conf; the caller's own --conf come later and win.
while read -r key value; do
  case "$key" in ''|'#'*) continue ;; esac
  SUBMIT_OPTS+=(--conf "$key=$value")
done < "${SPARK_PROPERTIES:-$HERE/spark-defaults.conf}"
JOB_OPTS=()
while [ $# -gt 0 ]; do
  if [ "$1" = "--" ]; then shift; JOB_OPTS+=("$@"); break; fi
  SUBMIT_OPTS+=("$1"); shift
done

# KAFKA_PROPERTIES: Kafka client settings, one key=value a line (e.g. security.protocol=SASL_SSL).
KAFKA_OPTS=()
while IFS= read -r prop; do
  if [ -n "$prop" ]; then KAFKA_OPTS+=(--kafka-property "$prop"); fi
done <<< "${KAFKA_PROPERTIES:-}"
