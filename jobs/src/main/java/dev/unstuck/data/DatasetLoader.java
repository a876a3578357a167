package dev.unstuck.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.unstuck.spec.DataFormat;
import dev.unstuck.spec.DataSpec;
import dev.unstuck.spec.NonFinitePolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a sweep's dataset with Spark and encodes it with Spark ML's own transformers: string
 * columns are categorical (StringIndexer + OneHotEncoder), numbers pass through, a VectorAssembler
 * builds the features, and the label (string or number) becomes a class index. Problems are {@link
 * DataException}s that name the column and count the rows at fault.
 */
public final class DatasetLoader {
  private static final Logger LOG = LoggerFactory.getLogger(DatasetLoader.class);

  private DatasetLoader() {}

  public static EncodedData load(SparkSession spark, DataSpec spec) {
    EncodedData data =
        spec.format() == DataFormat.IDX ? IdxFiles.load(spark, spec) : encode(spark, spec);
    checkShape(spec, data);
    return data;
  }

  /**
   * {@code data.shape} reads each row's features as an image: its height x width x channels must be
   * the number of feature columns, which only the data can say (categorical columns widen to one
   * column per category).
   */
  private static void checkShape(DataSpec spec, EncodedData data) {
    List<Integer> shape = spec.shape();
    if (shape.isEmpty()) {
      return;
    }
    long values = (long) shape.get(0) * shape.get(1) * shape.get(2);
    if (values != data.numFeatures()) {
      throw new DataException(
          "data.shape: "
              + shape
              + " is "
              + values
              + " values per row, but "
              + spec.path()
              + " has "
              + data.numFeatures()
              + " feature columns"
              + (spec.format() != DataFormat.LIBSVM
                      && data.featureNames().size() != data.numFeatures()
                  ? " (after one-hot encoding its "
                      + data.featureNames().size()
                      + " feature columns)"
                  : ""));
    }
  }

  private static EncodedData encode(SparkSession spark, DataSpec spec) {
    DataFiles.check(spark, spec);
    Dataset<Row> raw = read(spark, spec);
    if (spec.limit() > 0) {
      raw = raw.limit((int) Math.min(Integer.MAX_VALUE, spec.limit()));
    }
    if (isEmpty(raw, spec)) {
      throw new DataException("data.path: " + spec.path() + noRows(raw, spec));
    }
    if (spec.format() == DataFormat.LIBSVM) {
      return encodeLibsvm(raw);
    }
    Utf8Check.check(
        spark, raw,
        spec); // before any column is looked up by a name the bad bytes may have changed
    raw = withoutByteOrderMark(raw);
    String label = labelColumn(raw, spec);
    List<StructField> features = featureColumns(raw, spec, label);
    long rows = raw.count();
    UserColumns columns = UserColumns.of(raw.columns());
    raw = columns.rename(raw);
    String labelColumn = columns.safe(label);
    checkLabel(raw, labelColumn, label, rows);
    raw = raw.withColumn(labelColumn, col(labelColumn).cast(DataTypes.StringType));

    List<PipelineStage> stages = new ArrayList<>();
    StringIndexer labelIndexer =
        new StringIndexer()
            .setInputCol(labelColumn)
            .setOutputCol(EncodedData.LABEL)
            .setStringOrderType("alphabetAsc");
    stages.add(labelIndexer);
    List<String> notices = new ArrayList<>();
    List<String> numeric = new ArrayList<>();
    List<String> categorical = new ArrayList<>();
    for (StructField field : features) {
      DataType type = field.dataType();
      String column = columns.safe(field.name());
      if (type instanceof NumericType) {
        numeric.add(column);
      } else if (type == DataTypes.BooleanType) {
        raw = raw.withColumn(column, col(column).cast(DataTypes.DoubleType));
        numeric.add(column);
      } else if (type == DataTypes.StringType) {
        TextColumn.Treatment treatment = TextColumn.classify(raw, column, field.name(), rows);
        treatment.notice().ifPresent(notices::add);
        if (treatment.numeric()) {
          raw = raw.withColumn(column, col(column).cast(DataTypes.DoubleType));
          numeric.add(column);
        } else {
          categorical.add(column);
        }
      } else {
        throw new DataException(
            "feature column '"
                + field.name()
                + "' has type "
                + type.simpleString()
                + ", which cannot be encoded (numbers, booleans and categorical strings can)");
      }
    }
    List<String> assembled = new ArrayList<>(numeric);
    for (String column : categorical) {
      stages.add(
          new StringIndexer()
              .setInputCol(column)
              .setOutputCol(column + "_index")
              .setHandleInvalid("keep"));
      stages.add(
          new OneHotEncoder()
              .setInputCol(column + "_index")
              .setOutputCol(column + "_onehot")
              .setHandleInvalid("keep"));
      assembled.add(column + "_onehot");
    }
    raw = applyNonFinitePolicy(raw, spec.nonFinite(), numeric, features, columns);
    if (spec.nonFinite() == NonFinitePolicy.REPORT) {
      Map<String, String> userNames = new LinkedHashMap<>();
      features.stream()
          .filter(f -> numeric.contains(columns.safe(f.name())))
          .forEach(f -> userNames.put(columns.safe(f.name()), f.name()));
      NonFiniteCells.report(NonFiniteCells.count(raw, userNames)).ifPresent(notices::add);
    }
    stages.add(
        new VectorAssembler()
            .setInputCols(assembled.toArray(String[]::new))
            .setOutputCol(EncodedData.FEATURES)
            .setHandleInvalid("keep"));

    PipelineModel model = new Pipeline().setStages(stages.toArray(PipelineStage[]::new)).fit(raw);
    Dataset<Row> encoded = model.transform(raw).select(EncodedData.FEATURES, EncodedData.LABEL);
    List<String> classes = Arrays.asList(((StringIndexerModel) model.stages()[0]).labelsArray()[0]);
    int width = ((Vector) encoded.first().getAs(EncodedData.FEATURES)).size();
    List<String> names = features.stream().map(StructField::name).toList();
    notices.forEach(notice -> LOG.warn("{}", notice));
    return new EncodedData(encoded, classes, names, width, notices);
  }

  /**
   * A UTF-8 byte order mark (Excel's "CSV UTF-8") stays on the first header name in Spark: drop it.
   */
  private static Dataset<Row> withoutByteOrderMark(Dataset<Row> raw) {
    String[] names = raw.columns();
    if (names.length == 0 || !names[0].startsWith("\uFEFF")) {
      return raw;
    }
    names[0] = names[0].substring(1);
    return raw.toDF(names);
  }

  static Dataset<Row> read(SparkSession spark, DataSpec spec) {
    try {
      return switch (spec.format()) {
        case CSV ->
            spark
                .read()
                .option("header", spec.header())
                .option("inferSchema", true)
                .option("sep", spec.delimiter())
                .option("encoding", spec.encoding())
                .option("mode", "PERMISSIVE")
                .csv(spec.path());
        case PARQUET -> spark.read().parquet(spec.path());
        case LIBSVM -> spark.read().format("libsvm").load(spec.path());
        case JSON -> spark.read().json(spec.path());
        case ORC -> spark.read().orc(spec.path());
        case IDX ->
            throw new IllegalArgumentException(
                "idx data is read by IdxFiles, not by Spark's readers");
      };
    } catch (Exception e) { // Spark throws its checked SparkException from Scala, undeclared
      throw unreadable(spec, e); // e.g. a CSV file read as parquet: CANNOT_READ_FILE_FOOTER
    }
  }

  /** What a file without rows holds: nothing at all, or a header only. */
  private static String noRows(Dataset<Row> raw, DataSpec spec) {
    if (raw.columns().length == 0) {
      return " is empty";
    }
    if (spec.format() == DataFormat.CSV && spec.header()) {
      return " has a header (" + String.join(", ", raw.columns()) + ") but no rows";
    }
    return " has no rows";
  }

  /**
   * The first action reads the file for real (CSV, JSON): a corrupt or mis-declared file fails
   * here.
   */
  private static boolean isEmpty(Dataset<Row> raw, DataSpec spec) {
    try {
      return raw.isEmpty();
    } catch (Exception e) { // SparkException too, see read
      throw unreadable(spec, e);
    }
  }

  /**
   * Whatever Spark says when it cannot read the file, as one line naming data.path and data.format.
   */
  private static DataException unreadable(DataSpec spec, Exception e) {
    Throwable root =
        e; // Spark wraps the reader's own words ("... is not a Parquet file") in generic ones
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String reason = root.getMessage() == null ? root.toString() : root.getMessage();
    reason = reason.lines().findFirst().orElse(reason).strip();
    return new DataException(
        "data.path: cannot read "
            + spec.path()
            + " as "
            + spec.format().name().toLowerCase()
            + " (data.format): "
            + reason,
        e);
  }

  private static EncodedData encodeLibsvm(Dataset<Row> raw) {
    long rows = raw.count();
    checkLabel(raw, "label", "label", rows);
    Dataset<Row> labelled = raw.withColumn("label", col("label").cast(DataTypes.StringType));
    StringIndexerModel indexer =
        new StringIndexer()
            .setInputCol("label")
            .setOutputCol("label_index")
            .setStringOrderType("alphabetAsc")
            .fit(labelled);
    Dataset<Row> encoded =
        indexer
            .transform(labelled)
            .select(col("features"), col("label_index").as(EncodedData.LABEL));
    int width = ((Vector) encoded.first().getAs("features")).size();
    return new EncodedData(
        encoded, Arrays.asList(indexer.labelsArray()[0]), List.of("features"), width);
  }

  /** The label column: a name, or for header-less CSV a 0-based index or "last". */
  static String labelColumn(Dataset<Row> raw, DataSpec spec) {
    String[] columns = raw.columns();
    String label = spec.label();
    if (label.equals("last")) {
      return columns[columns.length - 1];
    }
    if (!spec.header() && label.matches("\\d+")) {
      int index = Integer.parseInt(label);
      if (index >= columns.length) {
        throw new DataException(
            "data.label: column index "
                + index
                + " but the file has "
                + columns.length
                + " columns");
      }
      return columns[index];
    }
    if (!Arrays.asList(columns).contains(label)) {
      throw new DataException(
          "data.label: no column '"
              + label
              + "' in "
              + spec.path()
              + " (columns: "
              + String.join(", ", columns)
              + ")"
              + delimiterHint(columns, spec));
    }
    return label;
  }

  /** One column whose name holds ';' or a tab: the file is not comma-separated. */
  private static String delimiterHint(String[] columns, DataSpec spec) {
    if (columns.length != 1 || spec.format() != DataFormat.CSV) {
      return "";
    }
    for (String separator : new String[] {";", "\t", "|"}) {
      if (columns[0].contains(separator) && !separator.equals(spec.delimiter())) {
        String shown = separator.equals("\t") ? "tab" : "'" + separator + "'";
        return " - the header looks " + shown + "-separated: set data.delimiter: " + shown;
      }
    }
    return "";
  }

  static List<StructField> featureColumns(Dataset<Row> raw, DataSpec spec, String label) {
    List<String> wanted = spec.features();
    for (String name : wanted) {
      if (!Arrays.asList(raw.columns()).contains(name)) {
        throw new DataException("data.features: no column '" + name + "' in " + spec.path());
      }
    }
    List<StructField> fields =
        Arrays.stream(raw.schema().fields())
            .filter(f -> !f.name().equals(label))
            .filter(f -> wanted.isEmpty() || wanted.contains(f.name()))
            .toList();
    if (fields.isEmpty()) {
      throw new DataException(
          "data.features: no feature columns besides the label '" + label + "'");
    }
    return fields;
  }

  /**
   * @param column the label's column in {@code raw}; {@code label} its name in the user's file
   */
  private static void checkLabel(Dataset<Row> raw, String column, String label, long rows) {
    Row stats =
        raw.agg(sum(when(col(column).isNull(), 1).otherwise(0)), countDistinct(col(column)))
            .first();
    long missing = stats.isNullAt(0) ? 0 : stats.getLong(0);
    if (missing > 0) {
      throw new DataException(
          "label column '" + label + "' is empty in " + missing + " of " + rows + " rows");
    }
    long classes = stats.getLong(1);
    if (classes < 2) {
      Object only = raw.select(column).first().get(0);
      throw new DataException(
          "label column '"
              + label
              + "' has a single class ('"
              + only
              + "') in all "
              + rows
              + " rows: there is nothing to learn");
    }
  }

  /** NaN/Inf/missing numbers: kept by default (reported in telemetry), dropped, or refused. */
  private static Dataset<Row> applyNonFinitePolicy(
      Dataset<Row> raw,
      NonFinitePolicy policy,
      List<String> numeric,
      List<StructField> features,
      UserColumns columns) {
    if (policy == NonFinitePolicy.REPORT || numeric.isEmpty()) {
      return raw;
    }
    Column bad = numeric.stream().map(NonFiniteCells::nonFinite).reduce(Column::or).orElseThrow();
    if (policy == NonFinitePolicy.DROP) {
      return raw.filter(functionsNot(bad));
    }
    for (StructField field : features) {
      String name = field.name();
      String column = columns.safe(name);
      if (!numeric.contains(column)) {
        continue;
      }
      long rows = raw.filter(NonFiniteCells.nonFinite(column)).count();
      if (rows > 0) {
        throw new DataException(
            "feature column '"
                + name
                + "' has "
                + rows
                + " rows with a missing, NaN or infinite value (data.nonFinite: fail)");
      }
    }
    return raw;
  }

  private static Column functionsNot(Column column) {
    return org.apache.spark.sql.functions.not(column);
  }
}
