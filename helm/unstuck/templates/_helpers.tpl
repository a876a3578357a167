{{/* Chart name, truncated to a DNS label. */}}
{{- define "unstuck.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name. Kept short (40): the driver pod is <name>-driver and Spark derives service and executor pod names
from it, which must stay within 63 characters.
*/}}
{{- define "unstuck.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" }}
{{- else if contains (include "unstuck.name" .) .Release.Name }}
{{- .Release.Name | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name (include "unstuck.name" .) | trunc 40 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "unstuck.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "unstuck.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "unstuck.selectorLabels" -}}
app.kubernetes.io/name: {{ include "unstuck.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "unstuck.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "unstuck.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name: an existing ServiceAccount allowed to create pods, services and configmaps, when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "unstuck.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag | toString) }}
{{- end }}

{{/* The jar: a local:// path inside the image (or any URI Spark can fetch), named like the shaded jar. */}}
{{- define "unstuck.jar" -}}
{{- $jar := required "jar: the shaded jar's path in the image" .Values.jar }}
{{- if not (regexMatch "unstuck-jobs-.+-spark\\.jar$" $jar) }}
{{- fail (printf "jar: %s is not the shaded jar (jobs/target/unstuck-jobs-<version>-spark.jar)" $jar) }}
{{- end }}
{{- $jar }}
{{- end }}

{{/* --kafka-property key=value for each of kafka.properties, sorted by key. */}}
{{- define "unstuck.kafkaPropertyArgs" -}}
{{- range $k, $v := .Values.kafka.properties }}
{{- if and (regexMatch "(?i)password|secret|jaas|token|credential" $k) (not $.Values.kafka.allowSecretProperties) }}
{{- fail (printf "kafka.properties.%s looks like a secret and would be readable in the SparkApplication's arguments; set kafka.allowSecretProperties=true to pass it anyway" $k) }}
{{- end }}
- --kafka-property
- {{ printf "%s=%v" $k $v | quote }}
{{- end }}
{{- end }}

{{/*
Spark settings of one job: the ones the jobs need, then .Values.sparkConf, then the job's own sparkConf.
Call with (dict "root" $ "job" .Values.diagnosis).
*/}}
{{- define "unstuck.sparkConf" -}}
{{- $conf := dict
    "spark.scheduler.mode" "FAIR"
    "spark.serializer" "org.apache.spark.serializer.KryoSerializer"
    "spark.kryo.registrator" "org.nd4j.kryo.Nd4jRegistrator"
    "spark.ui.showConsoleProgress" "false" }}
{{- $conf = merge (deepCopy (.job.sparkConf | default dict)) (deepCopy (.root.Values.sparkConf | default dict)) $conf }}
{{- range $k, $v := $conf }}
{{ $k | quote }}: {{ $v | toString | quote }}
{{- end }}
{{- end }}

{{/* Hadoop settings: S3 endpoint/path style when set, then .Values.hadoopConf. */}}
{{- define "unstuck.hadoopConf" -}}
{{- $conf := dict }}
{{- if .Values.s3.endpoint }}
{{- $_ := set $conf "fs.s3a.endpoint" .Values.s3.endpoint }}
{{- end }}
{{- if .Values.s3.pathStyleAccess }}
{{- $_ := set $conf "fs.s3a.path.style.access" "true" }}
{{- end }}
{{- $conf = merge (deepCopy (.Values.hadoopConf | default dict)) $conf }}
{{- range $k, $v := $conf }}
{{ $k | quote }}: {{ $v | toString | quote }}
{{- end }}
{{- end }}

{{/* S3 credentials as environment variables from the existing Secret (driver and executors). */}}
{{- define "unstuck.s3Env" -}}
{{- if .Values.s3.existingSecret }}
- name: AWS_ACCESS_KEY_ID
  valueFrom:
    secretKeyRef:
      name: {{ .Values.s3.existingSecret | quote }}
      key: {{ .Values.s3.accessKeyIdKey | quote }}
- name: AWS_SECRET_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .Values.s3.existingSecret | quote }}
      key: {{ .Values.s3.secretAccessKeyKey | quote }}
{{- end }}
{{- end }}

{{/* The restart policy of a job: (dict "policy" .Values.diagnosis.restartPolicy "what" "diagnosis"). */}}
{{- define "unstuck.restartPolicy" -}}
{{- $p := .policy }}
{{- if not (has $p.type (list "Always" "OnFailure" "Never")) }}
{{- fail (printf "%s.restartPolicy.type: Always, OnFailure or Never, got %v" .what $p.type) }}
{{- end }}
type: {{ $p.type }}
{{- if eq $p.type "OnFailure" }}
{{- with $p.onFailureRetries }}
onFailureRetries: {{ int . }}
{{- end }}
{{- end }}
{{- if ne $p.type "Never" }}
{{- with $p.onFailureRetryInterval }}
onFailureRetryInterval: {{ int64 . }}
{{- end }}
{{- end }}
{{- with $p.onSubmissionFailureRetries }}
onSubmissionFailureRetries: {{ int . }}
{{- end }}
{{- with $p.onSubmissionFailureRetryInterval }}
onSubmissionFailureRetryInterval: {{ int64 . }}
{{- end }}
{{- end }}

{{/*
Driver or executor: (dict "root" $ "pod" .Values.diagnosis.driver "role" "driver" "env" (list of extra EnvVar)).
*/}}
{{- define "unstuck.podSpec" -}}
{{- $root := .root }}
{{- $pod := .pod }}
{{- if eq .role "executor" }}
instances: {{ int $pod.instances }}
{{- end }}
cores: {{ int $pod.cores }}
{{- with $pod.coreLimit }}
coreLimit: {{ . | quote }}
{{- end }}
memory: {{ $pod.memory | quote }}
{{- with $pod.memoryOverhead }}
memoryOverhead: {{ . | quote }}
{{- end }}
javaOptions: {{ trim (printf "%s %s" (.root.Values.java17Opens | replace "\n" " ") ($pod.javaOptions | default "")) | quote }}
{{- if eq .role "driver" }}
serviceAccount: {{ include "unstuck.serviceAccountName" $root }}
{{- end }}
labels:
  {{- include "unstuck.labels" $root | nindent 2 }}
  app.kubernetes.io/component: {{ .component }}
  {{- with $pod.labels }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- with $pod.annotations }}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- $env := concat (.env | default list) (include "unstuck.s3Env" $root | fromYamlArray | default list) ($pod.env | default list) }}
{{- with $env }}
env:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .volumeMounts }}
volumeMounts:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $pod.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $pod.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* The sweep's name: sweep.name, else the spec's own `name`, as a DNS label. */}}
{{- define "unstuck.sweepName" -}}
{{- $name := .Values.sweep.name }}
{{- if not $name }}
{{- if .Values.sweep.existingConfigMap }}
{{- fail "sweep.name: set it when the spec comes from sweep.existingConfigMap" }}
{{- end }}
{{- $spec := required "sweep.spec: the sweep YAML (helm ... --set-file sweep.spec=my-sweep.yaml)" .Values.sweep.spec | fromYaml }}
{{- if hasKey $spec "Error" }}
{{- fail (printf "sweep.spec is not YAML: %s" $spec.Error) }}
{{- end }}
{{- $name = required "sweep.spec has no `name`" $spec.name | toString }}
{{- end }}
{{- $label := regexReplaceAll "[^a-z0-9-]+" (lower $name) "-" | trunc 20 | trimAll "-" }}
{{- if not $label }}
{{- fail (printf "sweep name %q has no letters or digits to name the SparkApplication with" $name) }}
{{- end }}
{{- printf "%s-sweep-%s" (include "unstuck.fullname" .) $label }}
{{- end }}
