package org.taskmet.bench.sweep;

import java.util.Map;
import java.util.TreeMap;

/**
 * A trial that ran to the end, as it travels from where it ran to the result store: its result file's content and
 * its artifacts.
 */
public record CompletedTrial(TrialRecord record, Map<String, String> artifacts) {
  public CompletedTrial {
    artifacts = new TreeMap<>(artifacts);
  }
}
