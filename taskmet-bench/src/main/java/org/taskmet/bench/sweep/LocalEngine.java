package org.taskmet.bench.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.taskmet.core.plugin.PluginRegistry;

/**
 * Runs trials in this JVM, {@code jobs} at a time, in plan order. Each trial gets an equal share of the cores as
 * its thread budget, so trials with inner parallelism do not oversubscribe the machine. Results do not depend on
 * {@code jobs}: every trial is a pure function of its spec.
 */
public final class LocalEngine implements SweepEngine {
  public static final String NAME = "local";

  private final int jobs;
  private final int threadsPerTrial;
  private final TrialKinds kinds;
  private final PluginRegistry plugins;

  /**
   * @param jobs trials at once; 0 means one per available core
   */
  public LocalEngine(int jobs, TrialKinds kinds, PluginRegistry plugins) {
    int cores = Runtime.getRuntime().availableProcessors();
    if (jobs < 0) {
      throw new IllegalArgumentException("--jobs must be >= 1 (or 0 for one per core), got " + jobs);
    }
    this.jobs = jobs == 0 ? cores : jobs;
    this.threadsPerTrial = Math.max(1, cores / this.jobs);
    this.kinds = kinds;
    this.plugins = plugins;
  }

  /** Trials run at once. */
  public int jobs() {
    return jobs;
  }

  /** Each trial's thread budget: the available cores divided among the jobs, at least 1. */
  public int threadsPerTrial() {
    return threadsPerTrial;
  }

  @Override
  public String describe() {
    return NAME + " (" + jobs + (jobs == 1 ? " job" : " jobs") + " × " + threadsPerTrial
        + (threadsPerTrial == 1 ? " thread" : " threads") + ")";
  }

  @Override
  public void run(List<Trial> trials, TrialListener listener) throws InterruptedException {
    if (jobs == 1 || trials.size() <= 1) {
      trials.forEach(t -> runOne(t, listener));
      return;
    }
    AtomicInteger workers = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, trials.size()), r -> {
      Thread t = new Thread(r, "taskmet-trial-" + workers.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> running = new ArrayList<>();
      trials.forEach(t -> running.add(pool.submit(() -> runOne(t, listener))));
      for (Future<?> f : running) {
        try {
          f.get();
        } catch (ExecutionException e) {
          // runOne reports trial errors itself; this is a listener failing (e.g. a full disk): stop the sweep
          throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private void runOne(Trial trial, TrialListener listener) {
    listener.started(trial);
    CompletedTrial done;
    try {
      done = TrialExecution.run(trial, kinds, plugins, threadsPerTrial,
          (d, total, message) -> listener.progress(trial, d, total, message), describe());
    } catch (TrialFailedException e) {
      listener.failed(trial, e.getMessage());
      return;
    }
    listener.finished(trial, done);
  }

  /** {@code --engine local}. */
  public static final class Provider implements SweepEngine.Provider {
    @Override
    public String name() {
      return NAME;
    }

    @Override
    public SweepEngine create(EngineOptions options, TrialKinds kinds, PluginRegistry plugins) {
      if (options.master() != null) {
        throw new IllegalArgumentException("--master applies to the Spark engine; the local engine takes --jobs");
      }
      return new LocalEngine(options.jobs(), kinds, plugins);
    }
  }
}
