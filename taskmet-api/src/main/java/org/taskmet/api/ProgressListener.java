package org.taskmet.api;

/** Receives progress of long work (training steps, trials). Implementations must be cheap and never throw. */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = (done, total, message) -> {};

  /**
   * @param done units finished so far
   * @param total units expected in all (may grow, e.g. with early stopping it is an upper bound)
   * @param message a short status, e.g. {@code "outer 120 val DQ 0.93"}
   */
  void progress(long done, long total, String message);
}
