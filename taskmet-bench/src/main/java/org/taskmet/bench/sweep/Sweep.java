package org.taskmet.bench.sweep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.taskmet.core.plugin.PluginRegistry;

/**
 * A planned sweep: trials of one kind, each checked and in canonical form, in plan order. Build one from a
 * {@link SweepFile} with {@link #plan} or in code with {@link #builder}; run it with {@link SweepRunner}.
 *
 * @param name names the sweep in messages and progress
 * @param description one line, may be empty
 * @param kind the trial kind of every trial
 * @param trials the trials, specs (and so ids) unique
 */
public record Sweep(String name, String description, TrialKind<?, ?> kind, List<Trial> trials) {
  public Sweep {
    trials = List.copyOf(trials);
    Map<String, Trial> seen = new HashMap<>();
    for (Trial t : trials) {
      if (!t.kind().equals(kind.name())) {
        throw new IllegalArgumentException("sweep " + name + " is of kind '" + kind.name() + "' but trial " + t.id()
            + " is of kind '" + t.kind() + "'");
      }
      Trial previous = seen.putIfAbsent(SpecMaps.canonicalJson(t.spec()), t);
      if (previous != null) {
        throw new IllegalArgumentException("sweep " + name + " holds the same trial twice: " + previous.describe()
            + " and " + t.describe() + " have the same spec, so they would compute the same result");
      }
    }
  }

  /**
   * Plans a sweep file: expands its grid, and checks and canonicalizes every trial with its kind, so a wrong name,
   * key or value fails before any trial runs.
   *
   * @throws IllegalArgumentException naming the file, the trial's labels and the problem
   */
  public static Sweep plan(SweepFile file, TrialKinds kinds, PluginRegistry plugins) {
    return plan(file, kinds, plugins, labels -> true);
  }

  /**
   * Plans the trials of a sweep file whose labels pass {@code keep}; the others are neither checked nor kept (so a
   * profile can be narrowed to the tasks whose plugins are installed).
   */
  public static Sweep plan(SweepFile file, TrialKinds kinds, PluginRegistry plugins,
      Predicate<Map<String, String>> keep) {
    TrialKind<?, ?> kind;
    try {
      kind = kinds.get(file.kind());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("sweep file " + file.source() + ": " + e.getMessage(), e);
    }
    return plan(file, kind, plugins, keep);
  }

  private static <S> Sweep plan(SweepFile file, TrialKind<S, ?> kind, PluginRegistry plugins,
      Predicate<Map<String, String>> keep) {
    Builder<S> b = builder(file.name(), kind, plugins).description(file.description());
    for (SweepFile.Planned p : file.expand(kind.seedFields())) {
      if (!keep.test(p.labels())) {
        continue;
      }
      S spec;
      try {
        spec = SpecMaps.convert(p.spec(), kind.specType(), kind.name() + " trial spec");
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("sweep file " + file.source() + ", trial " + describe(p.labels()) + ": "
            + e.getMessage(), e);
      }
      try {
        b.add(p.labels(), spec);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("sweep file " + file.source() + ", " + e.getMessage(), e);
      }
    }
    return b.build();
  }

  /** A sweep built in code: add typed specs with their labels. */
  public static <S> Builder<S> builder(String name, TrialKind<S, ?> kind, PluginRegistry plugins) {
    return new Builder<>(name, kind, plugins);
  }

  /** Collects the trials of a sweep built in code. */
  public static final class Builder<S> {
    private final String name;
    private final TrialKind<S, ?> kind;
    private final PluginRegistry plugins;
    private final List<Trial> trials = new ArrayList<>();
    private String description = "";

    private Builder(String name, TrialKind<S, ?> kind, PluginRegistry plugins) {
      this.name = name;
      this.kind = kind;
      this.plugins = plugins;
    }

    public Builder<S> description(String text) {
      this.description = text;
      return this;
    }

    /**
     * Adds a trial: checks and canonicalizes {@code spec} with the kind.
     *
     * @param labels axis name → value, in axis order; end with {@link Trial#SEED} for the seed tables average over
     * @throws IllegalArgumentException "trial <labels>: <what the kind found wrong>"
     */
    public Builder<S> add(Map<String, String> labels, S spec) {
      S canonical;
      try {
        canonical = kind.canonical(spec, plugins);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("trial " + describe(labels) + ": " + e.getMessage(), e);
      }
      trials.add(Trial.of(kind.name(), labels, SpecMaps.toMap(canonical)));
      return this;
    }

    public Sweep build() {
      return new Sweep(name, description, kind, trials);
    }
  }

  /** The distinct values of one label, in plan order. */
  public List<String> labelValues(String key) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    trials.forEach(t -> {
      if (t.labels().containsKey(key)) {
        out.add(t.labels().get(key));
      }
    });
    return List.copyOf(out);
  }

  private static String describe(Map<String, String> labels) {
    return labels.isEmpty() ? "(no labels)" : String.join(", ",
        labels.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
  }
}
