package org.taskmet.bench.run;

import org.taskmet.api.ProgressListener;

/** Runs one trial: trains and evaluates. Implementations throw with a clear message when the trial cannot run. */
@FunctionalInterface
public interface TrialExecutor {
  ExecutedTrial execute(TrialSpec spec, ProgressListener progress);
}
