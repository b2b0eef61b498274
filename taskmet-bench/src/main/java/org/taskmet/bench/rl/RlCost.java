package org.taskmet.bench.rl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.taskmet.api.MetricParameterization;
import org.taskmet.api.PluginKind;
import org.taskmet.core.method.CpuClock;
import org.taskmet.core.plugin.PluginRegistry;
import org.taskmet.core.plugin.Plugins;
import org.taskmet.core.rl.ModelLearning;
import org.taskmet.core.rl.UpdateCost;

/**
 * The cost of a plan, estimated before it starts: the thread-CPU time of a few agent updates is measured for every
 * (method, distractor count) of the plan and extrapolated to each trial's updates. An estimate: it is measured under
 * whatever else the machine runs at the time, early updates include JIT compilation, and TaskMet's updates before its
 * metric warm-up (no metric step) are cheaper than the measured full update.
 */
public final class RlCost {
  /** CPU seconds spent measuring each (method, distractor count). */
  private static final double MEASURE_SECONDS = 0.4;

  private final Map<String, Double> secondsPerUpdate = new LinkedHashMap<>();

  private RlCost() {}

  /** Measures every distinct (method, distractor count, agent settings) of {@code specs}. */
  public static RlCost measure(List<RlSpec> specs, PluginRegistry plugins) {
    RlCost cost = new RlCost();
    for (RlSpec s : specs) {
      cost.secondsPerUpdate.computeIfAbsent(key(s), k -> perUpdate(s, plugins));
    }
    return cost;
  }

  private static double perUpdate(RlSpec spec, PluginRegistry plugins) {
    MetricParameterization.Factory metric = spec.learning() == ModelLearning.TASKMET
        ? Plugins.create(plugins, PluginKind.METRIC, MetricParameterization.Factory.class, spec.metric(),
            spec.metricConfig())
        : null;
    UpdateCost.Prepared p = UpdateCost.prepare(spec.learning(), spec.agentConfig(),
        RlTrial.environment(spec, plugins), metric, spec.seed());
    UpdateCost.cpuSecondsPerUpdate(p, 3, 1);
    long t0 = CpuClock.now();
    int n = 0;
    while (n < 3 || (n < 200 && (CpuClock.now() - t0) / 1e9 < MEASURE_SECONDS)) {
      p.update();
      n++;
    }
    return (CpuClock.now() - t0) / 1e9 / n;
  }

  private static String key(RlSpec s) {
    return s.method() + "|" + s.distractors() + "|" + s.agent() + "|" + s.metric() + "|" + s.metricConfig();
  }

  /** Estimated thread-CPU seconds of one trial's updates. */
  public double cpuSeconds(RlSpec spec) {
    long updates = Math.max(0, spec.steps() - spec.agentConfig().randomSteps() + 1);
    return secondsPerUpdate.get(key(spec)) * updates;
  }

  /** Estimated thread-CPU seconds of all trials. */
  public double cpuSeconds(List<RlSpec> specs) {
    return specs.stream().mapToDouble(this::cpuSeconds).sum();
  }

  /** One line per measured (method, distractor count): CPU milliseconds per update. */
  public String describe(List<RlSpec> specs) {
    StringBuilder sb = new StringBuilder();
    Map<String, RlSpec> seen = new LinkedHashMap<>();
    specs.forEach(s -> seen.putIfAbsent(key(s), s));
    for (RlSpec s : seen.values()) {
      sb.append(String.format(Locale.ROOT, "  %-8s %4d distractors: %8.2f ms CPU per update%n", s.method(),
          s.distractors(), 1000 * secondsPerUpdate.get(key(s))));
    }
    return sb.toString();
  }

  /** "1 h 23 min", "4 min 5 s", "12 s". */
  public static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }
    if (s >= 60) {
      return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
    return s + " s";
  }
}
