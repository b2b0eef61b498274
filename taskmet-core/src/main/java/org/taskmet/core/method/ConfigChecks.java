package org.taskmet.core.method;

/**
 * Validation of plugin config fields: every failure is an {@link IllegalArgumentException} naming the
 * plugin, the field, the value and the accepted range.
 */
public final class ConfigChecks {
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
   * Requires that the data a config asks to generate holds at most {@code max} numbers, before any is allocated: a
   * typo such as {@code items=2000000000} is an error naming the fields, not an out-of-memory error minutes later.
   *
   * @param values how many numbers the config asks for (computed in {@code long}, or saturated)
   * @param fields the fields that set it, e.g. {@code "(trainInstances + validationInstances + testInstances) x items"}
   */
  public static void dataSize(String plugin, String fields, long values, long max) {
    if (values < 0 || values > max) {
      throw new IllegalArgumentException(plugin + ": the config asks for " + (values < 0 ? "more than 2^63" : values)
          + " generated numbers (" + fields + "); the limit is " + max + " (" + max * 8 / 1_000_000
          + " MB of doubles), so that a typo fails here rather than as an out-of-memory error later");
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
