package org.taskmet.core.mtl.aggregate;

/** Config validation with messages that name the plugin, the field, the value and the accepted range. */
final class ConfigChecks {
  private ConfigChecks() {}

  static double positive(String plugin, String field, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(plugin + ": " + field + " = " + value + "; expected a finite value > 0");
    }
    return value;
  }

  static double nonNegative(String plugin, String field, double value) {
    if (!(value >= 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(plugin + ": " + field + " = " + value + "; expected a finite value >= 0");
    }
    return value;
  }

  static double inUnitInterval(String plugin, String field, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(plugin + ": " + field + " = " + value + "; expected a value in [0, 1)");
    }
    return value;
  }

  static int atLeast(String plugin, String field, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(plugin + ": " + field + " = " + value + "; expected an integer >= " + min);
    }
    return value;
  }
}
