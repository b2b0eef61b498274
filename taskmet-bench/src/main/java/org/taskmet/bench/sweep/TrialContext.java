package org.taskmet.bench.sweep;

import org.taskmet.api.ProgressListener;
import org.taskmet.core.plugin.PluginRegistry;

/**
 * What an engine hands a running trial.
 *
 * @param trialId the trial's id (for messages)
 * @param plugins the plugins installed in the JVM that runs the trial
 * @param threads the trial's thread budget (≥ 1): the engine's cores divided among the trials it runs at once
 * @param progress receives the trial's own progress (steps of training); cheap, never throws
 */
public record TrialContext(String trialId, PluginRegistry plugins, int threads, ProgressListener progress) {
  public TrialContext {
    if (threads < 1) {
      throw new IllegalArgumentException("a trial needs a budget of at least one thread, got " + threads);
    }
  }
}
