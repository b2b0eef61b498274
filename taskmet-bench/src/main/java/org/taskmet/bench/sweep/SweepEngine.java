package org.taskmet.bench.sweep;

import java.util.List;
import org.taskmet.core.plugin.PluginRegistry;

/**
 * Runs trials: one core, every core ({@link LocalEngine}), or a Spark cluster. An engine only moves trials and
 * their outcomes: each trial runs through {@link TrialExecution}, and the runner writes what it returns, so every
 * engine gives the same result files.
 */
public interface SweepEngine extends AutoCloseable {
  /** The engine's name in result files and messages, e.g. "local --jobs 2". */
  String describe();

  /**
   * Runs every trial and tells {@code listener} how each ends. Returns when all have ended; a failed trial does not
   * stop the others.
   */
  void run(List<Trial> trials, TrialListener listener) throws InterruptedException;

  /** Releases the engine's resources (threads, a SparkContext). */
  @Override
  default void close() {}

  /**
   * Makes engines of one name; found with {@link java.util.ServiceLoader} (list the class in
   * {@code META-INF/services/org.taskmet.bench.sweep.SweepEngine$Provider}).
   */
  interface Provider {
    /** The name {@code --engine} selects. */
    String name();

    /**
     * A ready engine.
     *
     * @throws IllegalArgumentException naming the option that is wrong
     */
    SweepEngine create(EngineOptions options, TrialKinds kinds, PluginRegistry plugins);
  }
}
