package dev.unstuck.spec;

import dev.unstuck.fix.Fix;
import dev.unstuck.fix.FixSelection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A spec as YAML that {@link SpecParser} reads back to the same spec: every setting written out,
 * defaults too, so the file says exactly what runs. Enums in their YAML spelling ({@link
 * SpecEnums}), a tab delimiter as "tab".
 */
public final class SpecWriter {
  private SpecWriter() {}

  /** The spec as YAML, after {@code comments} (each line written as a YAML comment). */
  public static String yaml(SweepSpec spec, List<String> comments) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("name", spec.name());
    root.put("data", data(spec.data()));
    root.put("model", model(spec.model()));
    root.put("training", training(spec.training(), spec.parallelism()));
    root.put("fixes", fixes(spec.fixes()));
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(2);
    options.setIndentWithIndicator(true);
    StringBuilder text = new StringBuilder();
    comments.forEach(line -> text.append("# ").append(line.replace("\n", " ")).append('\n'));
    return text.append(new Yaml(options).dump(root)).toString();
  }

  private static Map<String, Object> data(DataSpec data) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("path", data.path());
    map.put("format", SpecEnums.yamlName(data.format()));
    if (data.format() == DataFormat.CSV) {
      map.put("header", data.header()); // an idx file has no header row to speak of
    }
    if (data.label() != null) {
      map.put("label", data.label());
    }
    if (data.labels() != null) {
      map.put("labels", data.labels());
    }
    if (!data.shape().isEmpty()) {
      map.put("shape", data.shape());
    }
    if (data.limit() > 0) {
      map.put("limit", data.limit());
    }
    if (!data.features().isEmpty()) {
      map.put("features", data.features());
    }
    map.put("validation", data.validation());
    map.put("seed", data.splitSeed());
    map.put("nonFinite", SpecEnums.yamlName(data.nonFinite()));
    if (data.format() == DataFormat.CSV) {
      map.put("delimiter", data.delimiter().equals("\t") ? "tab" : data.delimiter());
    }
    return map;
  }

  private static Map<String, Object> model(ModelSpec model) {
    if (model.isImported()) {
      return imported(model);
    }
    Map<String, Object> map = new LinkedHashMap<>();
    if (model.hasLayers()) {
      map.put("layers", model.layers().stream().map(SpecWriter::layer).toList());
    } else {
      map.put("hidden", model.hidden());
    }
    map.put("activation", SpecEnums.yamlName(model.activation()));
    map.put("init", SpecEnums.yamlName(model.init()));
    map.put("loss", SpecEnums.yamlName(model.loss()));
    map.put("dropout", model.dropout());
    map.put("l1", model.l1());
    map.put("l2", model.l2());
    map.put("batchNorm", model.batchNorm());
    return map;
  }

  /**
   * An imported network: its file, and only the settings that replace the file's own in every
   * layer.
   */
  private static Map<String, Object> imported(ModelSpec model) {
    ImportedModel file = model.importedModel().orElseThrow();
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(file.format().key(), file.path());
    if (model.activation() != null) {
      map.put("activation", SpecEnums.yamlName(model.activation()));
    }
    if (model.init() != null) {
      map.put("init", SpecEnums.yamlName(model.init()));
    }
    if (file.format() == ImportedModel.Format.KERAS) {
      map.put("loss", SpecEnums.yamlName(model.loss()));
    }
    map.put("dropout", model.dropout());
    map.put("l1", model.l1());
    map.put("l2", model.l2());
    return map;
  }

  /**
   * One {@code model.layers} entry as {@link LayerReader} reads it: the bare type, or the type with
   * its settings.
   */
  private static Object layer(LayerSpec layer) {
    String type = SpecEnums.yamlName(layer.type());
    Map<String, Object> settings = new LinkedHashMap<>();
    switch (layer.type()) {
      case DENSE -> settings.put("units", layer.units());
      case CONV2D -> {
        settings.put("filters", layer.filters());
        settings.put("kernel", layer.kernel());
        settings.put("stride", layer.stride());
        settings.put("padding", SpecEnums.yamlName(layer.padding()));
      }
      case MAXPOOL, AVGPOOL -> {
        settings.put("kernel", layer.kernel());
        settings.put("stride", layer.stride());
        settings.put("padding", SpecEnums.yamlName(layer.padding()));
      }
      case DROPOUT -> settings.put("rate", layer.rate());
      case BATCHNORM, FLATTEN -> {
        return type;
      }
    }
    if (layer.activation() != null) {
      settings.put("activation", SpecEnums.yamlName(layer.activation()));
    }
    return Map.of(type, settings);
  }

  private static Map<String, Object> training(TrainingSpec training, Parallelism parallelism) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("optimizer", SpecEnums.yamlName(training.optimizer()));
    map.put("learningRate", training.learningRate());
    map.put("lrSchedule", SpecEnums.yamlName(training.lrSchedule()));
    map.put("batchSize", training.batchSize());
    map.put("epochs", training.epochs());
    map.put("gradientClip", training.gradientClip());
    map.put("gradientClipValue", training.gradientClipValue());
    map.put("normalizeInputs", SpecEnums.yamlName(training.normalizeInputs()));
    map.put("resample", SpecEnums.yamlName(training.resample()));
    map.put("inputNoise", training.inputNoise());
    map.put("earlyStopping", training.earlyStopping());
    map.put("seeds", training.seeds());
    map.put("workers", training.workers());
    map.put("parallelism", SpecEnums.yamlName(parallelism.mode()));
    map.put("dataParallelAboveMiB", parallelism.dataParallelAboveMiB());
    return map;
  }

  /**
   * {@code auto}, or the list: one {@code key: [settings]} item per run of fixes of the same key,
   * so the fixes read back in the order they were given.
   */
  private static Object fixes(FixSelection fixes) {
    if (fixes.auto()) {
      return "auto";
    }
    List<Map<String, List<String>>> items = new ArrayList<>();
    String lastKey = null;
    for (Fix fix : fixes.explicit()) {
      String key = fix.type().key();
      if (!key.equals(lastKey)) {
        items.add(Map.of(key, new ArrayList<>()));
        lastKey = key;
      }
      items.get(items.size() - 1).get(key).add(fix.setting());
    }
    return items;
  }
}
