package org.taskmet.bench.rl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.taskmet.bench.sweep.FinishedTrial;
import org.taskmet.bench.sweep.SweepReport;
import org.taskmet.core.rl.ModelLearning;

/**
 * The report of an RL sweep, rebuilt from its finished trials: final return per method and distractor count (mean ±
 * standard error over seeds, the published value beside it), the learned metric's weights, the model's error on the
 * true state, the cost per step, and the plots ({@link RlPlots}).
 */
public final class RlReport implements SweepReport<RlSpec, RlResult> {
  /** One finished trial. */
  record Run(RlSpec spec, RlResult result) {}

  private final List<Run> records;

  /** The report as the sweep engine builds it (no trials yet). */
  public RlReport() {
    this(List.of());
  }

  RlReport(List<Run> records) {
    this.records = List.copyOf(records);
  }

  @Override
  public Report write(List<FinishedTrial<RlSpec, RlResult>> trials, Context context) {
    RlReport report = new RlReport(trials.stream().map(t -> new Run(t.spec(), t.result())).toList());
    List<Path> files = context.plots() && !trials.isEmpty()
        ? RlPlots.write(context.store().directory(), report) : List.of();
    return new Report(report.markdown(), files);
  }

  /** Trials grouped by method label then distractor count, in first-seen method order. */
  Map<String, TreeMap<Integer, List<Run>>> byMethodAndDistractors() {
    Map<String, TreeMap<Integer, List<Run>>> out = new LinkedHashMap<>();
    for (Run r : records) {
      out.computeIfAbsent(r.spec().method(), k -> new TreeMap<>())
          .computeIfAbsent(r.spec().distractors(), k -> new ArrayList<>()).add(r);
    }
    return out;
  }

  TreeSet<Integer> distractorCounts() {
    TreeSet<Integer> ks = new TreeSet<>();
    records.forEach(r -> ks.add(r.spec().distractors()));
    return ks;
  }

  /** Mean and standard error (sample std / √n; 0 for one value). */
  record Stat(double mean, double standardError, int n) {
    static Stat of(List<Double> values) {
      int n = values.size();
      double mean = values.stream().mapToDouble(Double::doubleValue).sum() / n;
      double var = 0;
      for (double v : values) {
        var += (v - mean) * (v - mean);
      }
      double se = n > 1 ? Math.sqrt(var / (n - 1) / n) : 0.0;
      return new Stat(mean, se, n);
    }
  }

  /** The whole report as Markdown. */
  public String markdown() {
    StringBuilder sb = new StringBuilder();
    TreeSet<Integer> ks = distractorCounts();
    sb.append("## Final return (mean ± standard error over seeds; the paper's value below it)\n\n");
    sb.append("| method |");
    ks.forEach(k -> sb.append(' ').append(k).append(" distractors |"));
    sb.append("\n|---|");
    ks.forEach(k -> sb.append("---:|"));
    sb.append('\n');
    for (Map.Entry<String, TreeMap<Integer, List<Run>>> m : byMethodAndDistractors().entrySet()) {
      sb.append("| ").append(displayName(m.getKey())).append(" |");
      for (int k : ks) {
        List<Run> cell = m.getValue().get(k);
        String measured = "–";
        if (cell != null) {
          Stat st = Stat.of(cell.stream().map(r -> r.result().finalReturn()).toList());
          measured = String.format(Locale.ROOT, "%.1f ± %.1f (n=%d)", st.mean(), st.standardError(), st.n());
        }
        String paper = PublishedReturns.lookup(m.getKey(), k)
            .map(p -> String.format(Locale.ROOT, "<br>paper %.0f ± %.0f", p.mean(), p.error())).orElse("");
        sb.append(' ').append(measured).append(paper).append(" |");
      }
      sb.append('\n');
    }
    sb.append("\nFinal return: mean undiscounted return of the evaluation episodes after the last training step "
        + "(softmax policy, no exploration). Paper: the TaskMet figure's values at 200,000 steps (error: TaskMet "
        + "std/√10, baselines the plot's upper whisker).\n");
    metricTable(sb);
    modelErrorTable(sb);
    costTable(sb);
    return sb.toString();
  }

  private void metricTable(StringBuilder sb) {
    TreeMap<Integer, List<Run>> taskmet = byMethodAndDistractors().get(ModelLearning.TASKMET.label());
    if (taskmet == null) {
      return;
    }
    int trueDims = taskmet.firstEntry().getValue().get(0).result().trueDimensions();
    sb.append("\n## TaskMet's learned metric: diagonal weights at the end (mean over seeds; Λ = I at the start)\n\n");
    sb.append("| distractors |");
    for (int i = 0; i < trueDims; i++) {
      sb.append(" true dim ").append(i + 1).append(" |");
    }
    sb.append(" mean distractor | every true dim above the mean distractor |\n|---:|");
    sb.append("---:|".repeat(trueDims + 1)).append("---|\n");
    for (Map.Entry<Integer, List<Run>> e : taskmet.entrySet()) {
      List<Run> cell = e.getValue();
      sb.append("| ").append(e.getKey()).append(" |");
      for (int i = 0; i < trueDims; i++) {
        int dim = i;
        sb.append(String.format(Locale.ROOT, " %.3f |",
            cell.stream().mapToDouble(r -> r.result().finalMetricDiagonal()[dim]).average().orElse(Double.NaN)));
      }
      sb.append(String.format(Locale.ROOT, " %.3f |",
          cell.stream().mapToDouble(r -> r.result().metricNoiseMean()).average().orElse(Double.NaN)));
      long above = cell.stream().filter(r -> Boolean.TRUE.equals(r.result().trueDimensionsAboveNoise())).count();
      sb.append(' ').append(above).append(" of ").append(cell.size()).append(" seeds |\n");
    }
  }

  private void modelErrorTable(StringBuilder sb) {
    sb.append("\n## The model's error on the true state dimensions at the end: Σ_i mean (ŝ'_i − s'_i)² over the true "
        + "dimensions, over the updates since the previous evaluation (mean over seeds)\n\n| method |");
    TreeSet<Integer> ks = distractorCounts();
    ks.forEach(k -> sb.append(' ').append(k).append(" distractors |"));
    sb.append("\n|---|").append("---:|".repeat(ks.size())).append('\n');
    for (Map.Entry<String, TreeMap<Integer, List<Run>>> m : byMethodAndDistractors().entrySet()) {
      sb.append("| ").append(displayName(m.getKey())).append(" |");
      for (int k : ks) {
        List<Run> cell = m.getValue().get(k);
        sb.append(cell == null ? " – |" : String.format(Locale.ROOT, " %.4g |",
            cell.stream().mapToDouble(r -> r.result().finalTrueDimensionModelError()).average().orElse(Double.NaN)));
      }
      sb.append('\n');
    }
  }

  private void costTable(StringBuilder sb) {
    sb.append("\n## Cost (thread-CPU time of training, evaluations excluded; measured during the run, so it "
        + "includes any load on the machine)\n\n");
    sb.append("| method | distractors | CPU ms per environment step | environment steps per CPU second |\n");
    sb.append("|---|---:|---:|---:|\n");
    for (Map.Entry<String, TreeMap<Integer, List<Run>>> m : byMethodAndDistractors().entrySet()) {
      for (Map.Entry<Integer, List<Run>> e : m.getValue().entrySet()) {
        double perStep = e.getValue().stream().mapToDouble(r -> r.result().cpuSecondsPerStep()).average().orElse(0);
        sb.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.0f |%n", displayName(m.getKey()), e.getKey(),
            1000 * perStep, 1 / perStep));
      }
    }
  }

  static String displayName(String method) {
    try {
      return ModelLearning.byName(method).displayName();
    } catch (IllegalArgumentException e) {
      return method;
    }
  }
}
