package org.taskmet.embed;

import java.nio.file.Path;
import java.util.Objects;
import org.taskmet.api.ProgressListener;
import org.taskmet.core.plugin.PluginRegistry;

/**
 * The entry point for applications that embed taskmet: train a predictor, save it, load it, and turn features into
 * decisions, without the CLI and without Guice.
 *
 * <pre>{@code
 * Taskmet taskmet = Taskmet.discover();
 * Predictor trained = taskmet.train(TrainingSpec.of("portfolio", "taskmet").withSeed(7));
 * trained.save(Path.of("portfolio.json"));
 *
 * // later, in the service
 * Predictor predictor = taskmet.load(Path.of("portfolio.json"), "portfolio");
 * double[] weights = predictor.decide(features, Map.of("cholesky", riskFactor));
 * }</pre>
 *
 * <p>Plugins (tasks, methods, models, metrics, solvers) are found on the class path as the CLI finds them; this
 * module brings the built-in ones. A {@code Taskmet} holds only its plugin registry and is safe to share.
 */
public final class Taskmet {
  private final PluginRegistry plugins;

  /** With the plugins in {@code plugins} (e.g. {@link PluginRegistry#of} for hand-picked plugins). */
  public Taskmet(PluginRegistry plugins) {
    this.plugins = Objects.requireNonNull(plugins, "plugins");
  }

  /** With the plugins on the class path (of the thread's context class loader). */
  public static Taskmet discover() {
    return new Taskmet(PluginRegistry.discover());
  }

  public PluginRegistry plugins() {
    return plugins;
  }

  /**
   * Builds the spec's plugins and generates its data, without training.
   *
   * @throws IllegalArgumentException naming the plugin, config key or value that is wrong
   */
  public TrainingJob prepare(TrainingSpec spec) {
    return new TrainingJob(plugins, Objects.requireNonNull(spec, "spec"));
  }

  /** Trains a predictor as {@code spec} says; see {@link #train(TrainingSpec, ProgressListener)}. */
  public Predictor train(TrainingSpec spec) {
    return train(spec, ProgressListener.NONE);
  }

  /**
   * Trains a predictor as {@code spec} says, on the splits its task generates for its dataset seed.
   *
   * @param progress receives the method's steps (e.g. to drive a progress bar)
   * @throws IllegalArgumentException naming the plugin, config key or value that is wrong
   */
  public Predictor train(TrainingSpec spec, ProgressListener progress) {
    return prepare(spec).train(progress);
  }

  /**
   * Loads a predictor file written by {@link Predictor#save} or {@code taskmet run --save}.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it (missing, not a predictor file,
   *     a newer format version, an unknown plugin, parameters that do not fit the model)
   */
  public Predictor load(Path file) {
    return PredictorFile.read(file, plugins, null);
  }

  /**
   * Loads a predictor file and checks that it predicts for {@code expectedTask}: a file of another task is an
   * error naming both tasks, not a predictor that fails on the first request.
   */
  public Predictor load(Path file, String expectedTask) {
    return PredictorFile.read(file, plugins, Objects.requireNonNull(expectedTask, "expectedTask"));
  }
}
