package org.taskmet.bench.sweep;

import java.util.List;
import java.util.Map;
import org.taskmet.core.plugin.PluginRegistry;

/**
 * A kind of trial: a pure function from a spec to a result. Each suite (the paper table, PyEPO, multi-task, RL)
 * declares the kind its trials are, and sweeps of that kind run on any engine through the one {@link ResultStore}.
 *
 * <p>Engines know a kind only by {@link #name()}: the local engine and every Spark executor find it with
 * {@link java.util.ServiceLoader} (list the class in {@code META-INF/services/org.taskmet.bench.sweep.TrialKind},
 * public no-argument constructor), so a kind in a plugin jar runs wherever the jar is on the class path.
 *
 * <p>The contract:
 * <ul>
 *   <li>{@link #specType()} and {@link #resultType()} are Jackson-mappable (records): a spec travels as JSON to
 *       whichever JVM runs it, and a result is stored as JSON and read back field for field.</li>
 *   <li>{@link #run} is deterministic: the same spec gives the same result bit for bit, whatever thread, JVM or
 *       engine runs it, whatever runs beside it and whatever {@link TrialContext#threads()} is.</li>
 *   <li>{@link #run} keeps at most {@link TrialContext#threads()} threads busy, and writes no files: anything
 *       beyond the result goes into {@link TrialOutput#artifacts()}, which the store writes next to the result.</li>
 *   <li>One instance runs many trials at once: no mutable state, except caches of read-only inputs (a data set
 *       loaded once per JVM) that are thread-safe and cannot change a result.</li>
 * </ul>
 *
 * @param <S> the spec: everything the trial depends on (plugin names and configs, seeds, sizes)
 * @param <R> the result: scores and whatever the suite's report needs (curves, learned parameters)
 */
public interface TrialKind<S, R> {
  /** Stable, lower-case words joined by dashes; recorded in every result file and named by sweep files. */
  String name();

  /** One line for {@code taskmet sweep --list}. */
  String description();

  Class<S> specType();

  Class<R> resultType();

  /**
   * The top-level spec fields a sweep's {@code seeds} sets, e.g. {@code [datasetSeed, seed]}: with
   * {@code seeds: 3}, trial s of a grid point gets s in each of them.
   */
  List<String> seedFields();

  /**
   * Checks {@code spec} against the installed plugins and returns it in canonical form (e.g. every plugin config
   * complete with its defaults), so that equal settings hash equally and the result file alone says how the trial
   * ran. Called once per trial on the planning side, before any trial starts.
   *
   * @throws IllegalArgumentException naming the field or plugin and what was expected
   */
  default S canonical(S spec, PluginRegistry plugins) {
    return spec;
  }

  /**
   * Runs the trial.
   *
   * @throws Exception with a message that says what went wrong; the engine reports it with the trial's id and
   *     writes no file for the trial
   */
  TrialOutput<R> run(S spec, TrialContext context) throws Exception;

  /**
   * How much work the trial is relative to the others of its kind (default 1): weighs each trial in the progress bar,
   * so the ETA holds when trials differ in cost (e.g. steps × FLOPs per step). Only the ratios matter.
   */
  default double relativeCost(S spec) {
    return 1.0;
  }

  /** The result's named scalar scores: the columns of {@code summary.csv} and of the generic table. */
  Map<String, Double> scores(R result);

  /** The suite's tables and plots, rebuilt from the finished trials. The default is the generic score table. */
  default SweepReport<S, R> report() {
    return new ScoreTable<>();
  }
}
