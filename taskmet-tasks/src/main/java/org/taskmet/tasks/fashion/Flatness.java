package org.taskmet.tasks.fashion;

import java.util.Locale;

/** Whether training adds the task-based flat-region gradient of FS-MTL (mtl.md §2) to the aggregated one. */
public enum Flatness {
  /** Plain aggregated gradient. */
  NONE("none"),
  /** FS-MTL: d = A({g_k}) + A({g_k^SAM − g_k}), heads get their perturbed gradients. */
  FS_MTL("fs-mtl");

  private final String label;

  Flatness(String label) {
    this.label = label;
  }

  /** The name used on the command line and in result files. */
  public String label() {
    return label;
  }

  /** Parses {@code "none"} or {@code "fs-mtl"} (case-insensitive). */
  public static Flatness byLabel(String label) {
    String key = label.trim().toLowerCase(Locale.ROOT);
    for (Flatness f : values()) {
      if (f.label.equals(key)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown flatness option '" + label + "', expected none or fs-mtl");
  }
}
