package org.taskmet.bench.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.taskmet.bench.sweep.StrictYaml;
import org.taskmet.core.io.IoErrors;
import org.taskmet.core.plugin.PluginConfigs;

/**
 * The file form of {@code taskmet run}: YAML ({@code .yaml}/{@code .yml}) or JSON.
 *
 * <pre>
 * task: cubic
 * taskConfig: {}
 * method: taskmet
 * methodConfig: {outerIterations: 200, metricConfig: {hiddenUnits: 100}}
 * model: mlp                        # optional: the task's reference predictor when absent
 * modelConfig: {hiddenLayers: 2}
 * seed: 0
 * datasetSeed: 0
 * </pre>
 */
record RunConfigFile(
    String task, Map<String, Object> taskConfig, String method, Map<String, Object> methodConfig, Long seed,
    Long datasetSeed, String model, Map<String, Object> modelConfig) {
  RunConfigFile {
    taskConfig = taskConfig == null ? Map.of() : taskConfig;
    methodConfig = methodConfig == null ? Map.of() : methodConfig;
    modelConfig = modelConfig == null ? Map.of() : modelConfig;
  }

  static RunConfigFile read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("config file " + file + " does not exist");
    }
    ObjectMapper mapper = StrictYaml.forFile(file).copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    try {
      RunConfigFile cfg = mapper.readValue(file.toFile(), RunConfigFile.class);
      if (cfg == null) {
        throw new IllegalArgumentException("config file " + file + " is empty");
      }
      return cfg;
    } catch (UnrecognizedPropertyException e) {
      throw new IllegalArgumentException("config file " + file + ": unknown key '" + e.getPropertyName()
          + "'; accepted: " + e.getKnownPropertyIds().stream().map(Object::toString).sorted()
          .collect(Collectors.joining(", ")), e);
    } catch (MismatchedInputException e) {
      throw new IllegalArgumentException("config file " + file + ": " + PluginConfigs.mismatch(e), e);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("config file " + file + " is not valid "
          + (mapper.getFactory() instanceof YAMLFactory ? "YAML" : "JSON") + ": "
          + StrictYaml.describe(e), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read config file " + IoErrors.describe(e), e);
    }
  }
}
