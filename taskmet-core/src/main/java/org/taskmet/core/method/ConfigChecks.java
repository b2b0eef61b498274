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
