#!/usr/bin/env bash
# Starts the diagnosis stream job (dev.unstuck.stream.DiagnosisStreamJob) with spark-submit. It keeps running and
# serves every sweep; start it once per Kafka cluster.
#
#   KAFKA=kafka-1:9092 JDBC_URL=jdbc:postgresql://db:5432/unstuck CHECKPOINT=hdfs:///unstuck/checkpoints/diagnosis \
#   UNSTUCK_DB_USER=unstuck UNSTUCK_DB_PASSWORD=... \
#   deploy/spark/submit-diagnosis.sh [spark-submit options] [-- job flags]
#
# Required: KAFKA (bootstrap servers), JDBC_URL, CHECKPOINT (storage that survives the driver: HDFS, S3).
# Database login: UNSTUCK_DB_USER/UNSTUCK_DB_PASSWORD, read by the driver from its environment (client mode; in
# cluster mode give the driver these variables the cluster manager's way, e.g. spark.yarn.appMasterEnv.* or
# spark.kubernetes.driverEnv.*), or DB_CREDENTIALS_FILE, a file the driver can read (user=/password= lines).
# Never on the command line.
# Optional: TELEMETRY_TOPIC, DIAGNOSIS_TOPIC, DEAD_LETTER_TOPIC, TRIGGER (2s), STARTING_OFFSETS (earliest),
# STATE_TIMEOUT (30min), MAX_RECORDS_PER_TRIGGER, KAFKA_PROPERTIES (key=value lines), SPARK_MASTER, DEPLOY_MODE,
# UNSTUCK_JAR (default jobs/target/unstuck-jobs-0.1.0-SNAPSHOT-spark.jar), SPARK_SUBMIT or SPARK_HOME,
# SPARK_PROPERTIES (default: spark-defaults.conf beside this script).
# DRY_RUN=1 prints the command, one argument a line, instead of running it.
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
need KAFKA "Kafka bootstrap servers, e.g. kafka-1:9092"
need JDBC_URL "jdbc:postgresql://host:5432/db"
need CHECKPOINT "checkpoint folder on HDFS or S3, e.g. s3a://bucket/unstuck/checkpoints/diagnosis"
check_jar

ARGS=(--bootstrap-servers "$KAFKA" --jdbc-url "$JDBC_URL" --checkpoint "$CHECKPOINT")
if [ -n "${TELEMETRY_TOPIC:-}" ]; then ARGS+=(--telemetry-topic "$TELEMETRY_TOPIC"); fi
if [ -n "${DIAGNOSIS_TOPIC:-}" ]; then ARGS+=(--diagnosis-topic "$DIAGNOSIS_TOPIC"); fi
if [ -n "${DEAD_LETTER_TOPIC:-}" ]; then ARGS+=(--dead-letter-topic "$DEAD_LETTER_TOPIC"); fi
if [ -n "${TRIGGER:-}" ]; then ARGS+=(--trigger "$TRIGGER"); fi
if [ -n "${STARTING_OFFSETS:-}" ]; then ARGS+=(--starting-offsets "$STARTING_OFFSETS"); fi
if [ -n "${STATE_TIMEOUT:-}" ]; then ARGS+=(--state-timeout "$STATE_TIMEOUT"); fi
if [ -n "${MAX_RECORDS_PER_TRIGGER:-}" ]; then ARGS+=(--max-records-per-trigger "$MAX_RECORDS_PER_TRIGGER"); fi
if [ -n "${DB_CREDENTIALS_FILE:-}" ]; then ARGS+=(--db-credentials-file "$DB_CREDENTIALS_FILE"); fi

CMD=("$SPARK_SUBMIT" --name unstuck-diagnosis "${SUBMIT_OPTS[@]}" --class dev.unstuck.stream.DiagnosisStreamJob \
  "$JAR" "${ARGS[@]}" "${KAFKA_OPTS[@]}" "${JOB_OPTS[@]}")
if [ -n "${DRY_RUN:-}" ]; then printf '%s\n' "${CMD[@]}"; exit 0; fi
exec "${CMD[@]}"
