package org.taskmet.bench.sweep;

/**
 * Hears how an engine's trials go. Engines may call it from any thread; implementations are thread-safe.
 */
public interface TrialListener {
  /** The trial started (where it runs). Engines that cannot tell (Spark) do not call it. */
  void started(Trial trial);

  /** The trial's own progress, e.g. training steps. Engines that cannot tell do not call it. */
  void progress(Trial trial, long done, long total, String message);

  /** The trial finished: its result is to be stored. */
  void finished(Trial trial, CompletedTrial completed);

  /** The trial failed, after the engine's retries: {@code error} says why. Nothing of it is stored. */
  void failed(Trial trial, String error);
}
