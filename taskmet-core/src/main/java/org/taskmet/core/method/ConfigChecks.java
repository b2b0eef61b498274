package org.taskmet.core.method;

/**
 * Validation of plugin config fields: every failure is an {@link IllegalArgumentException} naming the
 * plugin, the field, the value and the accepted range.
 */
public final class ConfigChecks {
  /**
   * The most numbers a task config may ask to generate or load into memory ({@link #dataSize}): 800 MB of doubles,
   * far above every reference size and below what a default JVM heap holds.
   */
  public static final long MAX_DATA_VALUES = 100_000_000L;
  /**
   * The most iterations a task config may give its decision solver per decision: a thousand times the references'
   * 100–200, so that a typo (an extra digit or five) is an error rather than a run that never ends.
   */
  public static final int MAX_SOLVER_ITERATIONS = 100_000;

  private ConfigChecks() {}

  /** Requires {@code value >= min}. */
  public static int atLeast(String plugin, String field, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(
          plugin + ": config field '" + field + "' = " + value + " is out of range; expected an integer >= " + min);
    }
    return value;
  }

  /** Requires {@code min <= value <= max}; {@code why} says what the upper limit protects. */
  public static int between(String plugin, String field, int value, int min, int max, String why) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(plugin + ": config field '" + field + "' = " + value + " is out of range; "
          + "expected an integer in " + min + ".." + max + " (" + why + ")");
    }
    return value;
  }

  /**
   * Requires that the data a config asks to generate holds at most {@link #MAX_DATA_VALUES} numbers, before any is
   * allocated: a typo such as {@code items=2000000000} is an error naming the fields, not an out-of-memory error
   * minutes later.
   *
   * @param fields the fields that set the size, e.g. {@code "(trainInstances + validationInstances + testInstances) x
   *     items"}
   * @param factors the size as a product of non-negative factors (computed without overflow)
   */
  public static void dataSize(String plugin, String fields, long... factors) {
    long values = 1;
    for (long f : factors) {
      values = Math.multiplyHigh(values, f) != 0 || values * f < 0 ? Long.MAX_VALUE : values * f;
    }
    if (values > MAX_DATA_VALUES) {
      throw new IllegalArgumentException(plugin + ": the config asks for "
          + (values == Long.MAX_VALUE ? "more than 2^63" : values) + " generated numbers (" + fields + "); the "
          + "limit is " + MAX_DATA_VALUES + " (" + MAX_DATA_VALUES * 8 / 1_000_000 + " MB of doubles), so that a typo "
          + "fails here rather than as an out-of-memory error later");
    }
  }

  /** Requires a finite value in the closed range [min, max]. */
  public static double inRange(String plugin, String field, double value, double min, double max) {
    if (!(value >= min && value <= max) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(plugin + ": config field '" + field + "' = " + value
          + " is out of range; expected a finite value in [" + min + ", " + max + "]");
    }
    return value;
  }

  /** Requires a finite value strictly greater than {@code min}. */
  public static double above(String plugin, String field, double value, double min) {
    if (!(value > min) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(plugin + ": config field '" + field + "' = " + value
          + " is out of range; expected a finite value > " + min);
    }
    return value;
  }

  /** Requires a non-null value (empty strings are allowed and mean "not set" where documented). */
  public static String notNull(String plugin, String field, String value) {
    if (value == null) {
      throw new IllegalArgumentException(plugin + ": config field '" + field + "' must not be null");
    }
    return value;
  }
}
