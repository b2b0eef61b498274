package org.taskmet.bench.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The generic report: one Markdown row per group of trials (labels without the seed), each score as mean ± sample
 * standard deviation over the group's trials.
 */
public final class ScoreTable<S, R> implements SweepReport<S, R> {
  /** Mean and sample standard deviation of one score over one group. */
  public record Stat(int n, double mean, double std) {
    public static Stat of(List<Double> values) {
      int n = values.size();
      double mean = values.stream().mapToDouble(Double::doubleValue).sum() / n;
      double var = 0;
      for (double v : values) {
        var += (v - mean) * (v - mean);
      }
      return new Stat(n, mean, n > 1 ? Math.sqrt(var / (n - 1)) : 0.0);
    }
  }

  @Override
  public Report write(List<FinishedTrial<S, R>> trials, Context context) {
    return new Report(markdown(trials.stream().map(t -> new Row(t.trial().group(), t.record().scores())).toList()),
        List.of());
  }

  private record Row(Map<String, String> group, Map<String, Double> scores) {}

  private static String markdown(List<Row> rows) {
    Set<String> labelKeys = new LinkedHashSet<>();
    Set<String> scoreKeys = new LinkedHashSet<>();
    Map<Map<String, String>, List<Row>> groups = new LinkedHashMap<>();
    for (Row r : rows) {
      labelKeys.addAll(r.group().keySet());
      scoreKeys.addAll(r.scores().keySet());
      groups.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r);
    }
    StringBuilder sb = new StringBuilder("|");
    labelKeys.forEach(k -> sb.append(' ').append(k).append(" |"));
    sb.append(" trials |");
    scoreKeys.forEach(k -> sb.append(' ').append(k).append(" (mean ± std) |"));
    sb.append("\n|");
    labelKeys.forEach(k -> sb.append("---|"));
    sb.append("---:|");
    scoreKeys.forEach(k -> sb.append("---:|"));
    sb.append('\n');
    groups.forEach((group, members) -> {
      sb.append('|');
      labelKeys.forEach(k -> sb.append(' ').append(group.getOrDefault(k, "")).append(" |"));
      sb.append(' ').append(members.size()).append(" |");
      for (String k : scoreKeys) {
        List<Double> values = members.stream().map(m -> m.scores().get(k)).filter(v -> v != null).toList();
        if (values.isEmpty()) {
          sb.append(" – |");
        } else {
          Stat s = Stat.of(values);
          sb.append(String.format(Locale.ROOT, " %.4g ± %.2g |", s.mean(), s.std()));
        }
      }
      sb.append('\n');
    });
    return sb.toString();
  }
}
