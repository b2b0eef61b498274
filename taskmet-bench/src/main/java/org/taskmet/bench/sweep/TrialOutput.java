package org.taskmet.bench.sweep;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a trial returns: its result and, optionally, text artifacts the store writes next to the result file as
 * {@code trials/<id>.<name>} (e.g. {@code predictor.json}, a CSV trace). Artifacts travel with the result, so a
 * trial run on a Spark executor leaves its files on the driver like a local one.
 *
 * @param result the result record
 * @param artifacts file-name suffix → content; names are lower-case words, digits, dots and dashes
 */
public record TrialOutput<R>(R result, Map<String, String> artifacts) {
  public TrialOutput {
    artifacts = new TreeMap<>(artifacts);
    for (String name : artifacts.keySet()) {
      if (!name.matches("[a-z0-9][a-z0-9.-]*") || name.equals("json")) {
        throw new IllegalArgumentException("artifact name '" + name + "' must be lower-case words, digits, dots and "
            + "dashes, and not 'json' (the result file itself)");
      }
    }
  }

  /** A result without artifacts. */
  public static <R> TrialOutput<R> of(R result) {
    return new TrialOutput<>(result, Map.of());
  }
}
