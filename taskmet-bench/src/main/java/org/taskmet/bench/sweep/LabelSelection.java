package org.taskmet.bench.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which trials of a sweep file to plan, by label: {@code --tasks cubic}, {@code --methods "MSE,TaskMet"},
 * {@code --only methodConfig.cgIterations=5,10}. Values match the file's labels case-insensitively on letters,
 * digits and dots, with "alpha" and "α" optional, so "DFL α=10", "dfl alpha=10" and "dfl-10" name the same label.
 */
public final class LabelSelection implements Predicate<Map<String, String>> {
  private final SweepFile file;
  private final String owner;
  private final Map<String, List<String>> accepted = new LinkedHashMap<>();

  /**
   * @param owner names the sweep in messages, e.g. "reproduce" or "sweep file plan.yaml"
   */
  public LabelSelection(SweepFile file, String owner) {
    this.file = file;
    this.owner = owner;
  }

  /**
   * Keeps only the trials whose label {@code name} is one of {@code wanted}.
   *
   * @param what how messages name the label, e.g. "method row"
   * @throws IllegalArgumentException naming a value the file does not have, and the values it has
   */
  public LabelSelection only(String name, String what, List<String> wanted) {
    List<String> available = file.labels(name);
    if (available.isEmpty()) {
      throw new IllegalArgumentException(owner + " has no label '" + name + "'; labels: "
          + String.join(", ", file.labelNames()));
    }
    List<String> out = new ArrayList<>();
    for (String w : wanted) {
      out.add(available.stream().filter(a -> normalize(a).equals(normalize(w))).findFirst()
          .orElseThrow(() -> new IllegalArgumentException(owner + " has no " + what + " '" + w.strip()
              + "'; accepted: " + String.join(", ", available))));
    }
    accepted.put(name, out);
    return this;
  }

  @Override
  public boolean test(Map<String, String> labels) {
    return accepted.entrySet().stream().allMatch(e -> e.getValue().contains(labels.get(e.getKey())));
  }

  private static String normalize(String s) {
    return s.toLowerCase(Locale.ROOT).replace("alpha", "").replaceAll("[^a-z0-9.]", "");
  }
}
