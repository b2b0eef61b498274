package org.taskmet.spark;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.taskmet.bench.sweep.TrialFailedException;

/** Turns the exception of a failed Spark job back into the trial's error, in one line. */
final class SparkErrors {
  private static final Pattern TRIAL_ERROR =
      Pattern.compile(Pattern.quote(TrialFailedException.class.getName()) + ": ([^\n]*)");
  private static final Pattern ATTEMPTS = Pattern.compile("failed (\\d+) times?");

  private SparkErrors() {}

  /**
   * "trial &lt;id&gt; failed: &lt;the trial's error&gt; (on Spark, after 2 attempts)", or the first line of Spark's
   * message when the trial never ran (a lost executor, a class missing on the executors).
   */
  static String describe(String trialId, Throwable sparkError) {
    String message = String.valueOf(sparkError.getMessage());
    Matcher attempts = ATTEMPTS.matcher(message);
    String after = attempts.find() ? " (on Spark, after " + attempts.group(1) + " attempt"
        + (attempts.group(1).equals("1") ? "" : "s") + ")" : " (on Spark)";
    Matcher trial = TRIAL_ERROR.matcher(message);
    if (trial.find()) {
      return trial.group(1).strip() + after;
    }
    return "trial " + trialId + " failed" + after + ": " + message.lines().findFirst().orElse(message).strip();
  }
}
