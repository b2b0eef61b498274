package org.taskmet.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.spark.api.java.function.Function;
import org.taskmet.api.ProgressListener;
import org.taskmet.bench.sweep.CompletedTrial;
import org.taskmet.bench.sweep.ResultStore;
import org.taskmet.bench.sweep.Trial;
import org.taskmet.bench.sweep.TrialExecution;
import org.taskmet.bench.sweep.TrialKinds;
import org.taskmet.core.plugin.PluginRegistry;

/**
 * What an executor does with a trial: JSON in, the completed trial's JSON out. The trial kinds and plugins are
 * those the task thread's context class loader sees — Spark's executor loader, which holds the jars given with
 * {@code --jars} / {@code spark.jars} — found once per loader.
 */
final class RunTrial implements Function<String, String> {
  private static final long serialVersionUID = 1L;
  private static final Map<ClassLoader, Installed> INSTALLED = Collections.synchronizedMap(new WeakHashMap<>());

  private final int threads;
  private final String engine;

  RunTrial(int threads, String engine) {
    this.threads = threads;
    this.engine = engine;
  }

  /** The kinds and plugins of one class loader. */
  private record Installed(TrialKinds kinds, PluginRegistry plugins) {}

  private static Installed discover(ClassLoader loader) {
    return new Installed(TrialKinds.discover(loader), PluginRegistry.discover(loader));
  }

  @Override
  public String call(String trialJson) throws IOException {
    Trial trial = ResultStore.JSON.readValue(trialJson, Trial.class);
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    ClassLoader loader = context != null ? context : RunTrial.class.getClassLoader();
    Installed installed = INSTALLED.computeIfAbsent(loader, RunTrial::discover);
    if (!installed.kinds().all().containsKey(trial.kind())) {
      // jars added to a running application (SparkContext.addJar) join the same loader: look again
      installed = discover(loader);
      INSTALLED.put(loader, installed);
    }
    CompletedTrial done = TrialExecution.run(trial, installed.kinds(), installed.plugins(), threads,
        ProgressListener.NONE, engine);
    try {
      return ResultStore.JSON.writeValueAsString(done);
    } catch (IOException e) {
      throw new UncheckedIOException("trial " + trial.id() + ": cannot send its result back: " + e.getMessage(), e);
    }
  }
}
