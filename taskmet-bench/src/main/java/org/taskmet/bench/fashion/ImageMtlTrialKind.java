package org.taskmet.bench.fashion;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.taskmet.bench.sweep.FinishedTrial;
import org.taskmet.bench.sweep.SweepReport;
import org.taskmet.bench.sweep.TrialContext;
import org.taskmet.bench.sweep.TrialKind;
import org.taskmet.bench.sweep.TrialOutput;
import org.taskmet.core.plugin.PluginRegistry;

/**
 * The trial kind of {@code taskmet mtl fashion} and {@code taskmet mtl many-task} ({@value #NAME}): one aggregator ×
 * flatness option × seed on one image multi-task benchmark ({@link ImageMtlTrial}). Scores: the selected model's
 * average, worst-task and worst-task balanced test accuracy, and the last step's average and worst. Its report is
 * the mean ± std table over seeds, FS-MTL against no flatness paired by seed ({@link FlatnessComparison}), the
 * average-vs-worst trade-off plot and the validation curves of each benchmark, and the task-weight trajectories of
 * group DRO and Lookahead-DRO.
 */
public final class ImageMtlTrialKind implements TrialKind<ImageMtlTrial.Spec, FashionTrialRecord> {
  /** The axes every row already shows in its own columns. */
  private static final Set<String> SHOWN_AXES = Set.of("benchmark", "method", "flatness");

  public static final String NAME = "mtl-image";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "an aggregator with or without FS-MTL on an image multi-task benchmark (MultiFashion, one-vs-rest, "
        + "letters), model selection on a validation split";
  }

  @Override
  public Class<ImageMtlTrial.Spec> specType() {
    return ImageMtlTrial.Spec.class;
  }

  @Override
  public Class<FashionTrialRecord> resultType() {
    return FashionTrialRecord.class;
  }

  @Override
  public List<String> seedFields() {
    return List.of("seed");
  }

  @Override
  public ImageMtlTrial.Spec canonical(ImageMtlTrial.Spec spec, PluginRegistry plugins) {
    spec.validate();
    return spec;
  }

  @Override
  public TrialOutput<FashionTrialRecord> run(ImageMtlTrial.Spec spec, TrialContext context) {
    return TrialOutput.of(ImageMtlTrial.run(spec, context.progress()));
  }

  @Override
  public Map<String, Double> scores(FashionTrialRecord r) {
    Map<String, Double> s = new LinkedHashMap<>();
    s.put("averageAccuracy", r.averageAccuracy());
    s.put("worstAccuracy", r.worstAccuracy());
    s.put("worstBalancedAccuracy", r.worstBalancedAccuracy());
    s.put("finalAverageAccuracy", r.finalAverageAccuracy());
    s.put("finalWorstAccuracy", r.finalWorstAccuracy());
    return s;
  }

  @Override
  public SweepReport<ImageMtlTrial.Spec, FashionTrialRecord> report() {
    return (trials, context) -> {
      List<FashionSummary.LabelledTrial> records = new ArrayList<>();
      for (FinishedTrial<ImageMtlTrial.Spec, FashionTrialRecord> t : trials) {
        records.add(new FashionSummary.LabelledTrial(t.result(), setting(t.trial().group())));
      }
      List<FashionSummary.Row> rows = FashionSummary.rows(records);
      List<Path> files = new ArrayList<>();
      if (context.plots() && !records.isEmpty()) {
        files.addAll(FashionPlots.all(records, rows, context.store().directory()));
      }
      String paired = FlatnessComparison.markdown(FlatnessComparison.rows(records));
      return new SweepReport.Report(FashionSummary.markdown(rows) + (paired.isEmpty() ? "" : "\n" + paired), files);
    };
  }

  /**
   * The axes of a trial's table cell beyond benchmark, method and flatness (a sweep file may add any, e.g. rho or
   * learningRate), as "name=value, …": trials that differ there are different rows and plot lines.
   */
  static String setting(Map<String, String> cell) {
    StringBuilder sb = new StringBuilder();
    cell.forEach((axis, value) -> {
      if (!SHOWN_AXES.contains(axis)) {
        sb.append(sb.length() == 0 ? "" : ", ").append(axis).append('=').append(value);
      }
    });
    return sb.toString();
  }
}
