package dev.unstuck.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import dev.unstuck.spec.SpecParser;
import dev.unstuck.stream.DiagnosisStreamJob;
import dev.unstuck.stream.StreamSettings;
import dev.unstuck.sweep.SweepJob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * The deployment files against the code they start: {@code helm lint} and {@code helm template} of
 * {@code helm/unstuck} (offline, Helm as a native library through helm-java), then the rendered
 * SparkApplications, the spark-submit scripts and docker-compose checked with the jobs' own classes
 * and flag parsers.
 */
class HelmChartTest {
  private static final String SPARK_APPLICATION = "SparkApplication";
  private static final String DIAGNOSIS = "dev.unstuck.stream.DiagnosisStreamJob";
  private static final String SWEEP = "dev.unstuck.sweep.SweepJob";
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(password|secret|token|access_key|jaas).*");

  private static Path root;
  private static Path chart;
  private static String shadedJar;
  private static List<String> java17Opens;

  @BeforeAll
  static void locate() throws IOException {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("helm/unstuck/Chart.yaml"))) {
      dir = dir.getParent();
    }
    assertThat(dir)
        .as("the repository root (with helm/unstuck) above " + Path.of("").toAbsolutePath())
        .isNotNull();
    root = dir;
    chart = root.resolve("helm/unstuck");
    shadedJar = shadedJarName();
    java17Opens =
        Arrays.asList(
            pomProperty(root.resolve("pom.xml"), "spark.java17.opens").trim().split("\\s+"));
  }

  /** unstuck-jobs-VERSION-CLASSIFIER.jar as jobs/pom.xml builds it. */
  private static String shadedJarName() throws IOException {
    String pom = Files.readString(root.resolve("jobs/pom.xml"), StandardCharsets.UTF_8);
    String version = first(pom, "<parent>.*?<version>([^<]+)</version>");
    String classifier = first(pom, "<shadedClassifierName>([^<]+)</shadedClassifierName>");
    String artifact = first(pom, "</parent>.*?<artifactId>([^<]+)</artifactId>");
    return artifact + "-" + version + "-" + classifier + ".jar";
  }

  private static String pomProperty(Path pom, String name) throws IOException {
    return first(
        Files.readString(pom, StandardCharsets.UTF_8), "<" + Pattern.quote(name) + ">([^<]+)</");
  }

  private static String first(String text, String regex) {
    Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(text);
    assertThat(m.find()).as(regex).isTrue();
    return m.group(1).trim();
  }

  private static List<Map<String, Object>> render(UnaryOperator<TemplateCommand> options) {
    String out =
        options.apply(new Helm(chart).template().withName("unstuck").withNamespace("ml")).call();
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object doc : new Yaml().loadAll(out)) {
      if (doc != null) {
        docs.add(map(doc));
      }
    }
    return docs;
  }

  private static List<Map<String, Object>> renderTestValues() throws Exception {
    Path values =
        Path.of(
            Objects.requireNonNull(HelmChartTest.class.getResource("/deploy/helm-test-values.yaml"))
                .toURI());
    return render(t -> t.withValuesFile(values));
  }

  private static Map<String, Object> app(List<Map<String, Object>> docs, String component) {
    return docs.stream()
        .filter(d -> SPARK_APPLICATION.equals(d.get("kind")))
        .filter(
            d ->
                component.equals(
                    map(map(d.get("metadata")).get("labels")).get("app.kubernetes.io/component")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + component + " SparkApplication in " + docs));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    assertThat(o).isInstanceOf(Map.class);
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o) {
    assertThat(o).isInstanceOf(List.class);
    return (List<Object>) o;
  }

  private static Map<String, Object> spec(Map<String, Object> app) {
    return map(app.get("spec"));
  }

  private static String[] args(Map<String, Object> app) {
    return list(spec(app).get("arguments")).stream().map(String::valueOf).toArray(String[]::new);
  }

  private static Map<String, Object> env(Map<String, Object> pod, String name) {
    return list(pod.get("env")).stream()
        .map(HelmChartTest::map)
        .filter(e -> name.equals(e.get("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no env " + name + " in " + pod.get("env")));
  }

  @Test
  void lintsCleanWithItsDefaults() {
    LintResult lint = new Helm(chart).lint().strict().call();
    assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    assertThat(lint.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
  }

  @Test
  void defaultsRenderTheDiagnosisJobOnlyWithTheLoginFromASecret() {
    List<Map<String, Object>> docs = render(t -> t);
    assertThat(docs).noneMatch(d -> "Secret".equals(d.get("kind")));
    assertThat(docs).filteredOn(d -> SPARK_APPLICATION.equals(d.get("kind"))).hasSize(1);
    Map<String, Object> diagnosis = app(docs, "diagnosis");
    Map<String, Object> driver = map(spec(diagnosis).get("driver"));
    assertThat(map(map(env(driver, "UNSTUCK_DB_PASSWORD").get("valueFrom")).get("secretKeyRef")))
        .containsEntry("name", "unstuck-db")
        .containsEntry("key", "password");
    assertThat(DiagnosisStreamJob.fromArgs(args(diagnosis)).settings().checkpointOf("ingest"))
        .isEqualTo("s3a://unstuck/checkpoints/diagnosis/ingest");
  }

  @Test
  void diagnosisApplicationStartsTheStreamJobWithFlagsItAccepts() throws Exception {
    Map<String, Object> app = app(renderTestValues(), "diagnosis");
    Map<String, Object> spec = spec(app);
    assertThat(app).containsEntry("apiVersion", "sparkoperator.k8s.io/v1beta2");
    assertThat(spec)
        .containsEntry("type", "Java")
        .containsEntry("mode", "cluster")
        .containsEntry("mainClass", DIAGNOSIS)
        .containsEntry("image", "registry.example.test/ml/unstuck:0.1.0-SNAPSHOT");
    assertThat(Class.forName((String) spec.get("mainClass"))).isEqualTo(DiagnosisStreamJob.class);
    assertJarAndSparkConf(spec);
    assertThat(map(spec.get("restartPolicy")).get("type")).isIn("Always", "OnFailure");
    assertThat(list(spec.get("imagePullSecrets"))).containsExactly("regcred");

    StreamSettings settings = DiagnosisStreamJob.fromArgs(args(app)).settings();
    assertThat(settings.kafka().bootstrapServers())
        .isEqualTo("kafka-0.kafka-headless:9092,kafka-1.kafka-headless:9092");
    assertThat(settings.kafka().clientProperties())
        .containsEntry("security.protocol", "SSL")
        .containsEntry("ssl.endpoint.identification.algorithm", "https");
    assertThat(settings.trigger()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.stateTimeout()).isEqualTo(Duration.ofHours(2));
    assertThat(settings.startingOffsets()).isEqualTo("latest");
    assertThat(settings.checkpointOf("ingest"))
        .isEqualTo("s3a://ml-platform/unstuck/checkpoints/diagnosis/ingest");
    assertThat(args(app))
        .containsSequence(
            "--jdbc-url", "jdbc:postgresql://pg-rw.db.svc:5432/unstuck?sslmode=require");

    Map<String, Object> driver = map(spec.get("driver"));
    assertThat(map(map(env(driver, "UNSTUCK_DB_USER").get("valueFrom")).get("secretKeyRef")))
        .containsEntry("name", "unstuck-db-login")
        .containsEntry("key", "username");
    assertThat(map(map(env(driver, "UNSTUCK_DB_PASSWORD").get("valueFrom")).get("secretKeyRef")))
        .containsEntry("name", "unstuck-db-login")
        .containsEntry("key", "password");
    assertThat(driver.get("serviceAccount")).isEqualTo("unstuck");
    assertThat(map(spec.get("hadoopConf")))
        .containsEntry("fs.s3a.endpoint", "http://minio.storage:9000")
        .containsEntry("fs.s3a.path.style.access", "true");
  }

  @Test
  void sweepApplicationRunsTheSpecFromItsConfigMapOnce(@TempDir Path tmp) throws Exception {
    List<Map<String, Object>> docs = renderTestValues();
    Map<String, Object> app = app(docs, "sweep");
    Map<String, Object> spec = spec(app);
    assertThat(spec).containsEntry("mainClass", SWEEP);
    assertThat(Class.forName((String) spec.get("mainClass"))).isEqualTo(SweepJob.class);
    assertJarAndSparkConf(spec);
    assertThat(map(spec.get("restartPolicy")).get("type")).isEqualTo("Never");
    assertThat(map(app.get("metadata")).get("name")).isEqualTo("unstuck-sweep-churn-baseline-v2");

    String[] args = args(app);
    new CommandLine(new SweepJob()).parseArgs(args);
    assertThat(args)
        .containsSequence(
            "--bootstrap-servers", "kafka-0.kafka-headless:9092,kafka-1.kafka-headless:9092")
        .containsSequence("--concurrency", "4")
        .containsSequence("--averaging-frequency", "50")
        .containsSequence("--kafka-property", "security.protocol=SSL");
    String specPath = args[Arrays.asList(args).indexOf("--spec") + 1];

    // --spec names the file the ConfigMap volume puts on the driver, and the ConfigMap holds a
    // valid sweep.
    Map<String, Object> driver = map(spec.get("driver"));
    Map<String, Object> mount = map(list(driver.get("volumeMounts")).get(0));
    assertThat(specPath).isEqualTo(mount.get("mountPath") + "/sweep.yaml");
    Map<String, Object> volume =
        list(spec.get("volumes")).stream()
            .map(HelmChartTest::map)
            .filter(v -> v.get("name").equals(mount.get("name")))
            .findFirst()
            .orElseThrow();
    String configMapName = (String) map(volume.get("configMap")).get("name");
    Map<String, Object> configMap =
        docs.stream()
            .filter(d -> "ConfigMap".equals(d.get("kind")))
            .filter(d -> configMapName.equals(map(d.get("metadata")).get("name")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no ConfigMap " + configMapName));
    Path sweepYaml =
        Files.writeString(
            tmp.resolve("sweep.yaml"), (String) map(configMap.get("data")).get("sweep.yaml"));
    assertThat(SpecParser.parse(sweepYaml).name()).isEqualTo("Churn_Baseline.v2");
    assertThat(map(driver.get("annotations"))).containsKey("unstuck.dev/sweep-spec-sha256");

    Map<String, Object> executor = map(spec.get("executor"));
    assertThat(
            map(map(env(executor, "AWS_SECRET_ACCESS_KEY").get("valueFrom")).get("secretKeyRef")))
        .containsEntry("name", "minio-login");
  }

  private static void assertJarAndSparkConf(Map<String, Object> spec) {
    assertThat((String) spec.get("mainApplicationFile"))
        .isEqualTo("local:///opt/unstuck/" + shadedJar);
    assertThat(map(spec.get("sparkConf")))
        .containsEntry("spark.scheduler.mode", "FAIR")
        .containsEntry("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
        .containsEntry("spark.kryo.registrator", "org.nd4j.kryo.Nd4jRegistrator")
        .containsEntry("spark.eventLog.enabled", "true");
    for (String pod : List.of("driver", "executor")) {
      List<String> options =
          Arrays.asList(((String) map(spec.get(pod)).get("javaOptions")).split("\\s+"));
      assertThat(options).as(pod + " javaOptions").containsAll(java17Opens);
    }
  }

  @Test
  void noSecretInPlainText() throws Exception {
    for (Map<String, Object> doc : renderTestValues()) {
      assertThat(doc.get("kind")).isNotEqualTo("Secret");
      if (!SPARK_APPLICATION.equals(doc.get("kind"))) {
        continue;
      }
      Map<String, Object> spec = spec(doc);
      assertThat(String.join(" ", args(doc))).doesNotContainIgnoringCase("password");
      for (String pod : List.of("driver", "executor")) {
        Object envs = map(spec.get(pod)).get("env");
        for (Object e : envs == null ? List.of() : list(envs)) {
          Map<String, Object> var = map(e);
          if (SECRET_NAME.matcher((String) var.get("name")).matches()) {
            assertThat(var).as(var.get("name") + " on the " + pod).doesNotContainKey("value");
            assertThat(map(var.get("valueFrom"))).containsKey("secretKeyRef");
          }
        }
      }
      assertThat(map(spec.get("sparkConf")).keySet())
          .noneMatch(k -> SECRET_NAME.matcher(k).matches());
    }
  }

  @Test
  void refusesValuesThatWouldLeakASecretOrCannotStart() {
    assertThatThrownBy(
            () ->
                render(t -> t.set("database.jdbcUrl", "jdbc:postgresql://db/u?user=a&password=b")))
        .hasMessageContaining("database.jdbcUrl carries a password");
    assertThatThrownBy(() -> render(t -> t.set("kafka.properties.sasl\\.jaas\\.config", "x")))
        .hasMessageContaining("looks like a secret");
    assertThatThrownBy(() -> render(t -> t.set("database.jdbcUrl", "jdbc:mysql://db/u")))
        .hasMessageContaining("must start with jdbc:postgresql:");
    assertThatThrownBy(
            () -> render(t -> t.set("jar", "local:///opt/unstuck/unstuck-jobs-0.1.0-SNAPSHOT.jar")))
        .hasMessageContaining("is not the shaded jar");
    assertThatThrownBy(() -> render(t -> t.set("diagnosis.restartPolicy.type", "Sometimes")))
        .hasMessageContaining("Always, OnFailure or Never");
    assertThatThrownBy(
            () ->
                render(
                    t ->
                        t.set("sweep.enabled", true)
                            .set("sweep.spec", "name: s\ndata:\n  path: data/digits.csv.gz\n")))
        .hasMessageContaining("a relative path would resolve inside /etc/unstuck");
  }

  @Test
  void sparkDefaultsCarryTheSettingsTheJobsNeed() throws IOException {
    Map<String, String> conf = sparkDefaults();
    assertThat(conf)
        .containsEntry("spark.scheduler.mode", "FAIR")
        .containsEntry("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
        .containsEntry("spark.kryo.registrator", "org.nd4j.kryo.Nd4jRegistrator");
    assertThat(Arrays.asList(conf.get("spark.driver.extraJavaOptions").split("\\s+")))
        .containsAll(java17Opens);
    assertThat(Arrays.asList(conf.get("spark.executor.extraJavaOptions").split("\\s+")))
        .containsAll(java17Opens);
  }

  private static Map<String, String> sparkDefaults() throws IOException {
    Map<String, String> conf = new LinkedHashMap<>();
    for (String line : Files.readAllLines(root.resolve("deploy/spark/spark-defaults.conf"))) {
      String t = line.trim();
      if (!t.isEmpty() && !t.startsWith("#")) {
        String[] kv = t.split("\\s+", 2);
        conf.put(kv[0], kv[1]);
      }
    }
    return conf;
  }

  @Test
  void submitScriptsPassFlagsTheJobsAccept(@TempDir Path tmp) throws Exception {
    Path jar = Files.createFile(tmp.resolve(shadedJar));
    List<String> diagnosis =
        dryRun(
            "submit-diagnosis.sh",
            Map.of(
                "KAFKA",
                "k1:9092,k2:9092",
                "JDBC_URL",
                "jdbc:postgresql://db:5432/unstuck",
                "CHECKPOINT",
                "hdfs:///unstuck/ckpt",
                "TRIGGER",
                "5 seconds",
                "KAFKA_PROPERTIES",
                "security.protocol=SSL\nssl.truststore.type=PEM",
                "UNSTUCK_JAR",
                jar.toString()),
            "--master",
            "yarn",
            "--",
            "--state-timeout",
            "1h");
    String[] stream = jobArgs(diagnosis, DIAGNOSIS, jar);
    StreamSettings settings = DiagnosisStreamJob.fromArgs(stream).settings();
    assertThat(settings.trigger()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.stateTimeout()).isEqualTo(Duration.ofHours(1));
    assertThat(settings.kafka().clientProperties()).containsEntry("ssl.truststore.type", "PEM");
    assertThat(diagnosis)
        .containsSequence("--master", "yarn")
        .contains("spark.kryo.registrator=org.nd4j.kryo.Nd4jRegistrator");

    List<String> sweep =
        dryRun(
            "submit-sweep.sh",
            Map.of("KAFKA", "k1:9092", "CONCURRENCY", "3", "UNSTUCK_JAR", jar.toString()),
            root.resolve("deploy/examples/diverging-lr.yaml").toString());
    String[] sweepArgs = jobArgs(sweep, SWEEP, jar);
    new CommandLine(new SweepJob()).parseArgs(sweepArgs);
    assertThat(sweepArgs)
        .containsSequence("--concurrency", "3")
        .containsSequence("--bootstrap-servers", "k1:9092");

    ProcessBuilder noKafka =
        new ProcessBuilder("bash", root.resolve("deploy/spark/submit-diagnosis.sh").toString())
            .redirectErrorStream(true);
    noKafka.environment().remove("KAFKA");
    Process missing = noKafka.start();
    String out = new String(missing.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(missing.waitFor()).as(out).isEqualTo(2);
    assertThat(out).contains("set KAFKA");
  }

  private static List<String> dryRun(String script, Map<String, String> env, String... args)
      throws Exception {
    List<String> command =
        new ArrayList<>(List.of("bash", root.resolve("deploy/spark/" + script).toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment()
        .keySet()
        .removeIf(k -> k.startsWith("SPARK_") || k.startsWith("UNSTUCK_") || k.equals("KAFKA"));
    pb.environment().putAll(env);
    pb.environment().put("DRY_RUN", "1");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(script + ": " + err).isZero();
    return out.lines().toList();
  }

  /** The job's own arguments: what follows the jar, after checking --class names the job. */
  private static String[] jobArgs(List<String> command, String mainClass, Path jar)
      throws Exception {
    assertThat(command.get(0)).isEqualTo("spark-submit");
    assertThat(command).containsSequence("--class", mainClass);
    Class.forName(mainClass);
    int at = command.indexOf(jar.toString());
    assertThat(at).as("the jar in " + command).isPositive();
    return command.subList(at + 1, command.size()).toArray(String[]::new);
  }

  @Test
  void dockerComposeRunsBothJobsFromTheShadedJar() throws IOException {
    Map<String, Object> compose =
        map(new Yaml().load(Files.readString(root.resolve("deploy/docker-compose.yml"))));
    Map<String, Object> services = map(compose.get("services"));
    assertThat(map(services.get("kafka")).get("image")).isEqualTo("apache/kafka:3.9.1");
    assertThat(map(map(services.get("kafka")).get("environment")).get("KAFKA_PROCESS_ROLES"))
        .isEqualTo("broker,controller");
    assertThat(map(services.get("postgres")).get("image")).isEqualTo("postgres:16");
    for (String job : List.of("diagnosis", "sweep")) {
      Map<String, Object> service = map(services.get(job));
      Map<String, Object> env = map(service.get("environment"));
      assertThat((String) env.get("UNSTUCK_JAR")).as(job).endsWith("/" + shadedJar);
      assertThat(list(service.get("volumes")))
          .as(job)
          .contains("../jobs/target:/opt/unstuck/jar:ro");
      assertThat(String.valueOf(list(service.get("command")).get(0)))
          .as(job)
          .isEqualTo("/opt/unstuck/spark/submit-" + job + ".sh");
    }
    assertThat((String) map(map(services.get("diagnosis")).get("environment")).get("JDBC_URL"))
        .startsWith("jdbc:postgresql://postgres:5432/");
  }
}
