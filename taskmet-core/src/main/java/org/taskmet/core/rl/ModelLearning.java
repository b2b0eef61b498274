package org.taskmet.core.rl;

import java.util.Arrays;
import java.util.Locale;

/** How the model T_θ learns (reference §4.2–4.3). */
public enum ModelLearning {
  /** Maximum likelihood: θ on the squared error of the next state plus the reward error, Q on model data. */
  MLE("mle", "MLE"),
  /** Optimal model design: θ on the implicit gradient of the real-data soft Bellman error (no prediction loss). */
  OMD("omd", "OMD"),
  /** TaskMet: θ on the metric-weighted error, the metric φ on the nested implicit gradient of the Bellman error. */
  TASKMET("taskmet", "TaskMet");

  private final String label;
  private final String displayName;

  ModelLearning(String label, String displayName) {
    this.label = label;
    this.displayName = displayName;
  }

  /** The command-line and file name: {@code mle}, {@code omd}, {@code taskmet}. */
  public String label() {
    return label;
  }

  /** The paper's name: MLE, OMD, TaskMet. */
  public String displayName() {
    return displayName;
  }

  /** By label, case-insensitive; the error lists the accepted names. */
  public static ModelLearning byName(String name) {
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    for (ModelLearning m : values()) {
      if (m.label.equals(key)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown RL method '" + name + "'; accepted: "
        + Arrays.stream(values()).map(ModelLearning::label).toList());
  }
}
