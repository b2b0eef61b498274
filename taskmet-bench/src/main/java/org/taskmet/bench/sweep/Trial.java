package org.taskmet.bench.sweep;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One planned trial: which kind runs it, how tables label it, and its canonical spec as plain JSON data. This is
 * what travels to whichever JVM runs the trial.
 *
 * @param id file-name-safe: the labels, then the first 8 hex digits of the config hash (kind + canonical spec), so
 *     a changed setting is a new trial and never picks up a stale result
 * @param kind the {@link TrialKind#name() trial kind}
 * @param labels axis name → value, in axis order, ending with {@code seed} when the sweep sets seeds; tables group
 *     the trials whose labels differ only in the seed
 * @param spec the canonical spec ({@link TrialKind#canonical})
 */
public record Trial(String id, String kind, Map<String, String> labels, Map<String, Object> spec) {
  /** The label a sweep's {@code seeds} adds; tables aggregate over it. */
  public static final String SEED = "seed";

  public Trial {
    labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
  }

  /** A trial of {@code kind} with this canonical spec and these labels; computes the id. */
  public static Trial of(String kind, Map<String, String> labels, Map<String, Object> canonicalSpec) {
    String slug = labels.entrySet().stream()
        .map(e -> (e.getKey().equals(SEED) ? "s" : "") + slug(e.getValue()))
        .filter(s -> !s.isEmpty()).collect(Collectors.joining("_"));
    String hash = SpecMaps.hash(kind, canonicalSpec);
    return new Trial((slug.isEmpty() ? kind : slug) + "_" + hash, kind, labels, canonicalSpec);
  }

  /** The labels without the seed: the trials of one table cell share it. */
  public Map<String, String> group() {
    Map<String, String> g = new LinkedHashMap<>(labels);
    g.remove(SEED);
    return g;
  }

  /** "task cubic, method MSE, seed 0", for messages and progress. */
  public String describe() {
    return labels.isEmpty() ? id : labels.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  /** "cubic / TaskMet / s0": the label values, for progress lines. */
  public String shortName() {
    return labels.isEmpty() ? id : labels.entrySet().stream()
        .map(e -> (e.getKey().equals(SEED) ? "s" : "") + e.getValue()).collect(Collectors.joining(" / "));
  }

  private static String slug(String label) {
    String ascii = label.toLowerCase(Locale.ROOT).replace("α", "").replace("=", "");
    String s = ascii.replaceAll("[^a-z0-9.]+", "-").replaceAll("(^-|-$)", "");
    return s.length() > 40 ? s.substring(0, 40) : s;
  }
}
