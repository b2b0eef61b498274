package org.taskmet.bench.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.taskmet.api.MetricParameterization;
import org.taskmet.api.Model;
import org.taskmet.api.PluginKind;
import org.taskmet.api.TrainedPredictor;
import org.taskmet.bench.sweep.ResultStore;
import org.taskmet.core.plugin.PluginRegistry;
import org.taskmet.core.plugin.Plugins;

/**
 * Trained predictors (and learned metrics) as JSON files: the model and metric plugins with their configs,
 * their sizes and parameters, and the trial that produced them. Loading rebuilds both through the
 * plugin registry, so any JVM application with taskmet on its class path can turn new features into
 * decisions with a saved predictor.
 */
public final class PredictorFiles {
  static final String FORMAT = "taskmet-predictor/1";
  private static final ObjectMapper JSON = ResultStore.JSON.copy()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** The file's content. */
  record Content(String format, DecisionTrialSpec trial, PluginRef model, int inputSize, int outputSize, double[] parameters,
      PluginRef metric, double[] metricParameters, Map<String, Double> diagnostics) {}

  /** A predictor read back from a file, with the trial that trained it. */
  public record Loaded(DecisionTrialSpec trial, TrainedPredictor predictor) {}

  private PredictorFiles() {}

  /** The predictor file of {@code trial}, as text. */
  public static String json(ExecutedTrial trial) {
    TrainedPredictor p = trial.predictor();
    Content c = new Content(FORMAT, trial.spec(), trial.model(), p.model().inputSize(), p.model().outputSize(),
        p.parameters(), p.metric() == null ? null : trial.metric(), p.metricParameters(), p.diagnostics());
    try {
      return JSON.writeValueAsString(c);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the predictor of trial " + trial.spec() + ": " + e, e);
    }
  }

  /** Writes the predictor file of {@code trial}, atomically. */
  public static void write(Path file, ExecutedTrial trial) {
    try {
      ResultStore.writeAtomically(file, json(trial));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write predictor file " + file + ": " + e, e);
    }
  }

  /**
   * Reads a predictor file and rebuilds its model and metric with the plugins in {@code registry}.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  public static Loaded read(Path file, PluginRegistry registry) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("predictor file " + file + " does not exist");
    }
    Content c;
    try {
      if (!(JSON.readTree(file.toFile()) instanceof ObjectNode tree)) {
        throw new IllegalArgumentException("predictor file " + file + " is not a taskmet predictor: not a JSON object");
      }
      // files written before sweeps had trial kinds carry the table row in the trial; it is a label now
      if (tree.get("trial") instanceof ObjectNode trial) {
        trial.remove("row");
      }
      c = JSON.treeToValue(tree, Content.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("predictor file " + file + " is not a taskmet predictor: " + e.getMessage(), e);
    }
    if (!FORMAT.equals(c.format())) {
      throw new IllegalArgumentException("predictor file " + file + " has format '" + c.format() + "', expected '"
          + FORMAT + "'");
    }
    Model model = Plugins.create(registry, PluginKind.MODEL, Model.Factory.class, c.model().name(), c.model().config())
        .create(c.inputSize(), c.outputSize());
    requireLength(file, "parameters", c.parameters(), model.parameterCount());
    MetricParameterization metric = null;
    if (c.metric() != null) {
      metric = Plugins.create(registry, PluginKind.METRIC, MetricParameterization.Factory.class, c.metric().name(),
          c.metric().config()).create(c.inputSize(), c.outputSize());
      requireLength(file, "metricParameters", c.metricParameters(), metric.parameterCount());
    }
    return new Loaded(c.trial(), new TrainedPredictor(model, c.parameters(), metric,
        metric == null ? null : c.metricParameters(), c.diagnostics() == null ? Map.of() : c.diagnostics()));
  }

  private static void requireLength(Path file, String field, double[] values, int expected) {
    if (values == null || values.length != expected) {
      throw new IllegalArgumentException("predictor file " + file + ": field '" + field + "' has "
          + (values == null ? "no" : values.length) + " values, the model needs " + expected);
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException("predictor file " + file + ": " + field + "[" + i + "] is " + values[i]);
      }
    }
  }
}
