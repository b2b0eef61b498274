package org.taskmet.bench.run;

import org.taskmet.bench.sweep.TrialContext;

/**
 * Trains and scores one decision-focused trial. Implementations throw with a clear message when the trial cannot
 * run.
 */
@FunctionalInterface
public interface TrialExecutor {
  ExecutedTrial execute(DecisionTrialSpec spec, TrialContext context);
}
