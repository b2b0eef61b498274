package org.taskmet.embed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.taskmet.api.Instance;

/**
 * Predictors of the reference architecture for portfolio (28→500→1 MLP, 50 assets, the QP) and budget
 * (10→500→10 MLP, 5 channels, the ascent solver), trained briefly once per test JVM, saved and loaded back:
 * the tests exercise loaded predictors, as a service holds them.
 */
final class Trained {
  static final Taskmet TASKMET = Taskmet.discover();

  static final TrainingSpec PORTFOLIO = TrainingSpec.of("portfolio", "mse")
      .withTaskConfig(Map.of("trainDays", 40, "validationDays", 20, "testDays", 24))
      .withMethodConfig(Map.of("iterations", 30, "batchSize", 20))
      .withDatasetSeed(3).withSeed(4);
  static final TrainingSpec BUDGET = TrainingSpec.of("budget", "mse")
      .withTaskConfig(Map.of("trainInstances", 40, "validationInstances", 10, "testInstances", 24))
      .withMethodConfig(Map.of("iterations", 30))
      .withDatasetSeed(3).withSeed(4);

  private static Predictor portfolio;
  private static Predictor budget;

  private Trained() {}

  static synchronized Predictor portfolio() {
    if (portfolio == null) {
      portfolio = trainSaveLoad(PORTFOLIO);
    }
    return portfolio;
  }

  static synchronized Predictor budget() {
    if (budget == null) {
      budget = trainSaveLoad(BUDGET);
    }
    return budget;
  }

  /** The test days (instances) of a predictor's spec: requests it never saw in training. */
  static List<Instance> requests(Predictor p) {
    return p.task().generate(p.spec().datasetSeed()).test().instances();
  }

  private static Predictor trainSaveLoad(TrainingSpec spec) {
    try {
      Path file = Files.createTempFile("taskmet-embed-test-" + spec.task(), ".json");
      try {
        TASKMET.train(spec).save(file);
        return TASKMET.load(file, spec.task());
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
