#!/usr/bin/env bash
# Submits one sweep (dev.unstuck.sweep.SweepJob) with spark-submit: trains the baseline and every fix and publishes
# each epoch to Kafka, where the diagnosis stream job (submit-diagnosis.sh) turns it into verdicts.
#
#   KAFKA=kafka-1:9092 deploy/spark/submit-sweep.sh SPEC.yaml [spark-submit options] [-- job flags]
#
# SPEC: the sweep.yaml (or SWEEP_SPEC). The driver reads it, so in cluster deploy mode it must be at a path the
# driver sees; its data.path must be readable by every executor (HDFS, S3, a shared mount).
# Required: KAFKA (bootstrap servers). Optional: TELEMETRY_TOPIC, CONCURRENCY (runs trained at once),
# AVERAGING_FREQUENCY, KAFKA_TIMEOUT (seconds), KAFKA_PROPERTIES (key=value lines), SPARK_MASTER, DEPLOY_MODE,
# UNSTUCK_JAR (default jobs/target/unstuck-jobs-0.1.0-SNAPSHOT-spark.jar), SPARK_SUBMIT or SPARK_HOME,
# SPARK_PROPERTIES (default: spark-defaults.conf beside this script).
# DRY_RUN=1 prints the command, one argument a line, instead of running it.
# Exit codes are the job's: 0 done, 1 a run failed, 2 bad spec or arguments, 3 Kafka unreachable, 4 bad data.
SPEC="${SWEEP_SPEC:-}"
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then SPEC="$1"; shift; fi
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
[ -n "$SPEC" ] || fail "usage: submit-sweep.sh SPEC.yaml [spark-submit options] [-- job flags] (or set SWEEP_SPEC)"
need KAFKA "Kafka bootstrap servers, e.g. kafka-1:9092"
check_jar

ARGS=(--spec "$SPEC" --bootstrap-servers "$KAFKA")
if [ -n "${TELEMETRY_TOPIC:-}" ]; then ARGS+=(--topic "$TELEMETRY_TOPIC"); fi
if [ -n "${CONCURRENCY:-}" ]; then ARGS+=(--concurrency "$CONCURRENCY"); fi
if [ -n "${AVERAGING_FREQUENCY:-}" ]; then ARGS+=(--averaging-frequency "$AVERAGING_FREQUENCY"); fi
if [ -n "${KAFKA_TIMEOUT:-}" ]; then ARGS+=(--kafka-timeout "$KAFKA_TIMEOUT"); fi

CMD=("$SPARK_SUBMIT" --name "unstuck-sweep" "${SUBMIT_OPTS[@]}" --class dev.unstuck.sweep.SweepJob \
  "$JAR" "${ARGS[@]}" "${KAFKA_OPTS[@]}" "${JOB_OPTS[@]}")
if [ -n "${DRY_RUN:-}" ]; then printf '%s\n' "${CMD[@]}"; exit 0; fi
exec "${CMD[@]}"
