package org.taskmet.bench.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The content of a result file {@code trials/<id>.json}: one finished trial, written once and atomically.
 *
 * @param format {@value #FORMAT}
 * @param id the trial id (the file name without {@code .json})
 * @param kind the trial kind
 * @param labels the labels it had when it ran (tables use the current sweep's labels)
 * @param spec the canonical spec: enough to run it again
 * @param scores the kind's named scalar scores of the result
 * @param result the kind's result record
 * @param seconds wall time of the trial where it ran
 * @param environment where and with what it ran: taskmet version and commit, Java version, kernels, host, engine
 */
public record TrialRecord(String format, String id, String kind, Map<String, String> labels, Map<String, Object> spec,
    Map<String, Double> scores, JsonNode result, double seconds, Map<String, String> environment) {
  public static final String FORMAT = "taskmet-trial/2";

  /** The same record under the labels the current sweep gives the trial. */
  public TrialRecord withLabels(Map<String, String> current) {
    return new TrialRecord(format, id, kind, current, spec, scores, result, seconds, environment);
  }
}
