package org.taskmet.embed;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.taskmet.api.MetricParameterization;
import org.taskmet.api.Model;
import org.taskmet.api.PluginKind;
import org.taskmet.api.Task;
import org.taskmet.api.TrainedPredictor;
import org.taskmet.core.io.AtomicFiles;
import org.taskmet.core.io.IoErrors;
import org.taskmet.core.plugin.PluginConfigs;
import org.taskmet.core.plugin.PluginRegistry;
import org.taskmet.core.plugin.Plugins;
import org.taskmet.core.plugin.TaskData;
import org.taskmet.core.provenance.BuildInfo;

/**
 * The predictor file format, {@code taskmet-predictor/1}: one JSON object with the training spec (field
 * {@code trial}), the model and metric plugins with their configs, the model's sizes, the parameters, and the
 * taskmet version and commit that wrote it ({@code writtenBy}; absent in files of taskmet 0.1). Loading
 * rebuilds the task, model and metric through the plugin registry. All reading and writing of the format is
 * here.
 *
 * <p>Version rule: a reader accepts its own version and older ones; a file of a newer version is rejected with
 * an error that says so (never read as if it were the old format). Files written by taskmet 0.1's CLI
 * ({@code taskmet run --save}) are version 1 and carry a {@code row} label in {@code trial}, which is ignored.
 */
final class PredictorFile {
  static final String FORMAT_PREFIX = "taskmet-predictor/";
  static final int VERSION = 1;
  static final String FORMAT = FORMAT_PREFIX + VERSION;

  // fields marked required must be present; the others may be missing (e.g. a spec's model) or null
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  /** The file's content; {@code metric} and {@code metricParameters} are null when there is no learned metric. */
  record Content(String format, @JsonProperty(required = true) TrainingSpec trial,
      @JsonProperty(required = true) PluginRef model, @JsonProperty(required = true) int inputSize,
      @JsonProperty(required = true) int outputSize, @JsonProperty(required = true) double[] parameters,
      PluginRef metric, double[] metricParameters, Map<String, Double> diagnostics, BuildInfo writtenBy) {}

  private PredictorFile() {}

  /** The file's text. */
  static String json(Predictor p) {
    TrainedPredictor t = p.trained();
    Content c = new Content(FORMAT, p.spec(), p.model(), t.model().inputSize(), t.model().outputSize(),
        t.parameters(), p.metric().orElse(null), t.metricParameters(), t.diagnostics(), BuildInfo.current());
    try {
      return JSON.writeValueAsString(c);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + p + ": " + e.getOriginalMessage(), e);
    }
  }

  static void write(Path file, Predictor p) {
    try {
      AtomicFiles.writeString(file, json(p));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write predictor file " + IoErrors.describe(e), e);
    }
  }

  /**
   * Reads a predictor file and rebuilds its task, model and metric with the plugins in {@code registry}.
   *
   * @param expectedTask the task the caller serves, or {@code null} to accept any
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  static Predictor read(Path file, PluginRegistry registry, String expectedTask) {
    Content c = parse(file);
    if (expectedTask != null && !expectedTask.equals(c.trial().task())) {
      throw new IllegalArgumentException("predictor file " + file + " holds a predictor for task '"
          + c.trial().task() + "', expected task '" + expectedTask + "'");
    }
    try {
      TrainingSpec spec = withDataOfItsTime(c.trial(), registry);
      Task task = Plugins.create(registry, PluginKind.TASK, Task.class, spec.task(), spec.taskConfig());
      Model model = Plugins.create(registry, PluginKind.MODEL, Model.Factory.class, c.model().name(),
          c.model().config()).create(c.inputSize(), c.outputSize());
      requireValues("parameters", c.parameters(), model.parameterCount());
      MetricParameterization metric = null;
      if (c.metric() != null) {
        metric = Plugins.create(registry, PluginKind.METRIC, MetricParameterization.Factory.class, c.metric().name(),
            c.metric().config()).create(c.inputSize(), c.outputSize());
        requireValues("metricParameters", c.metricParameters(), metric.parameterCount());
      }
      TrainedPredictor trained = new TrainedPredictor(model, c.parameters(), metric,
          metric == null ? null : c.metricParameters(), c.diagnostics() == null ? Map.of() : c.diagnostics());
      return Predictor.of(spec, task, trained, c.model(), c.metric());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("predictor file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The spec of a file, with the data it was trained on made explicit: a task whose config has a {@code data}
   * field defaulting to {@code auto} gets {@link TaskData#BEFORE_THE_FIELD} when the file does not name its data
   * (files written since record the resolved value), never data that depend on the loading machine.
   */
  private static TrainingSpec withDataOfItsTime(TrainingSpec spec, PluginRegistry registry) {
    if (spec.taskConfig().containsKey(TaskData.FIELD)) {
      return spec;
    }
    Map<String, Object> defaults = PluginConfigs.toMap(
        PluginConfigs.withOverrides(registry.provider(PluginKind.TASK, spec.task()), Map.of()));
    if (!TaskData.AUTO.equals(defaults.get(TaskData.FIELD))) {
      return spec;
    }
    Map<String, Object> config = new LinkedHashMap<>(spec.taskConfig());
    config.put(TaskData.FIELD, TaskData.BEFORE_THE_FIELD);
    return spec.withTaskConfig(config);
  }

  private static Content parse(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("predictor file " + file + " does not exist");
    }
    try {
      JsonNode root = JSON.readTree(file.toFile());
      if (root == null || !root.isObject()) {
        throw notPredictor(file, "it holds no JSON object");
      }
      checkFormat(file, root.get("format"));
      Content c = JSON.treeToValue(root, Content.class);
      requirePresent(file, "trial", c.trial());
      requirePresent(file, "model", c.model());
      requirePresent(file, "parameters", c.parameters());
      return c;
    } catch (JsonProcessingException e) {
      throw notPredictor(file, e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException("predictor file " + file + " cannot be read: " + e, e);
    }
  }

  /** Accepts this version and older ones; names a newer version as such. */
  private static void checkFormat(Path file, JsonNode format) {
    String f = format != null && format.isTextual() ? format.asText() : null;
    if (f == null) {
      throw notPredictor(file, "it has no 'format' field; expected '" + FORMAT + "'");
    }
    if (f.startsWith(FORMAT_PREFIX)) {
      String v = f.substring(FORMAT_PREFIX.length());
      if (v.matches("[0-9]{1,9}")) {
        int version = Integer.parseInt(v);
        if (version > VERSION) {
          throw new IllegalArgumentException("predictor file " + file + " has format version " + version + " ('" + f
              + "'), newer than this taskmet reads ('" + FORMAT + "'); load it with a newer taskmet");
        }
        if (version >= 1) {
          return;
        }
      }
    }
    throw new IllegalArgumentException("predictor file " + file + " has format '" + f + "', expected '" + FORMAT
        + "'");
  }

  private static void requirePresent(Path file, String field, Object value) {
    if (value == null) {
      throw notPredictor(file, "field '" + field + "' is null");
    }
  }

  private static IllegalArgumentException notPredictor(Path file, String why) {
    return new IllegalArgumentException("predictor file " + file + " is not a taskmet predictor: " + why);
  }

  private static void requireValues(String field, double[] values, int expected) {
    if (values == null || values.length != expected) {
      throw new IllegalArgumentException("field '" + field + "' has " + (values == null ? "no" : values.length)
          + " values, expected " + expected);
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(field + "[" + i + "] is " + values[i]);
      }
    }
  }
}
