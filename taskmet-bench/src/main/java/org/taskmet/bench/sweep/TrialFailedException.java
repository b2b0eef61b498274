package org.taskmet.bench.sweep;

/** A trial that threw: carries the trial's id and the error, for the report of failed trials. */
public final class TrialFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String trialId;

  public TrialFailedException(String trialId, String message, Throwable cause) {
    super("trial " + trialId + " failed: " + message, cause);
    this.trialId = trialId;
  }

  public String trialId() {
    return trialId;
  }
}
