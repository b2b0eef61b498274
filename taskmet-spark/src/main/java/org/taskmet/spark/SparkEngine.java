package org.taskmet.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.taskmet.bench.sweep.CompletedTrial;
import org.taskmet.bench.sweep.EngineOptions;
import org.taskmet.bench.sweep.ResultStore;
import org.taskmet.bench.sweep.SweepEngine;
import org.taskmet.bench.sweep.Trial;
import org.taskmet.bench.sweep.TrialKinds;
import org.taskmet.bench.sweep.TrialListener;
import org.taskmet.core.plugin.PluginRegistry;

/**
 * Runs trials as Spark tasks (the RDD API only): the driver plans, each trial is a one-task Spark job whose
 * executor runs it through {@link org.taskmet.bench.sweep.TrialExecution} and sends back its result file's content,
 * and the driver writes it through the same result store as the local engine — so both engines give the same files.
 *
 * <p>One job per trial means a trial that throws is retried as Spark's settings say ({@code spark.task.maxFailures};
 * {@code local[N,F]} in local mode) and then fails alone, reported by its id with the executor's error, while the
 * other trials go on. Jobs are submitted a few at a time beyond the cluster's task slots, in plan order.
 */
public final class SparkEngine implements SweepEngine {
  public static final String NAME = "spark";

  private final JavaSparkContext sc;
  private final boolean owned;
  private final int threadsPerTrial;

  /**
   * @param sc the Spark context to submit to
   * @param owned stop {@code sc} when the engine closes (false for a context the caller keeps, e.g. a test's)
   */
  public SparkEngine(JavaSparkContext sc, boolean owned) {
    this.sc = sc;
    this.owned = owned;
    this.threadsPerTrial = sc.getConf().getInt("spark.task.cpus", 1);
  }

  @Override
  public String describe() {
    return NAME + " (" + sc.master() + ", " + threadsPerTrial + (threadsPerTrial == 1 ? " thread" : " threads")
        + " per trial)";
  }

  @Override
  public void run(List<Trial> trials, TrialListener listener) throws InterruptedException {
    Deque<Trial> waiting = new ArrayDeque<>(trials);
    Map<JavaFutureAction<List<String>>, Trial> running = new LinkedHashMap<>();
    int inFlight = Math.max(4, 2 * sc.defaultParallelism());
    RunTrial task = new RunTrial(threadsPerTrial, describe());
    try {
      while (!waiting.isEmpty() || !running.isEmpty()) {
        while (running.size() < inFlight && !waiting.isEmpty()) {
          Trial t = waiting.poll();
          sc.setJobDescription("taskmet trial " + t.id());
          running.put(sc.parallelize(List.of(json(t)), 1).map(task).collectAsync(), t);
        }
        boolean progressed = false;
        for (Iterator<Map.Entry<JavaFutureAction<List<String>>, Trial>> it = running.entrySet().iterator();
            it.hasNext(); ) {
          Map.Entry<JavaFutureAction<List<String>>, Trial> e = it.next();
          if (e.getKey().isDone()) {
            it.remove();
            report(e.getValue(), e.getKey(), listener);
            progressed = true;
          }
        }
        if (!progressed) {
          Thread.sleep(20);
        }
      }
    } catch (InterruptedException e) {
      sc.cancelAllJobs();
      throw e;
    }
  }

  private static void report(Trial t, JavaFutureAction<List<String>> done, TrialListener listener)
      throws InterruptedException {
    List<String> out;
    try {
      out = done.get();
    } catch (ExecutionException e) {
      listener.failed(t, SparkErrors.describe(t.id(), e.getCause()));
      return;
    }
    try {
      listener.finished(t, ResultStore.JSON.readValue(out.get(0), CompletedTrial.class));
    } catch (JsonProcessingException e) {
      listener.failed(t, "trial " + t.id() + " failed: its result did not come back whole from Spark: "
          + e.getOriginalMessage());
    }
  }

  private static String json(Trial t) {
    try {
      return ResultStore.JSON.writeValueAsString(t);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("trial " + t.id() + " cannot be sent to Spark: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public void close() {
    if (owned) {
      sc.stop();
    }
  }

  /** {@code --engine spark}: found by {@link java.util.ServiceLoader} when this module is on the class path. */
  public static final class Provider implements SweepEngine.Provider {
    @Override
    public String name() {
      return NAME;
    }

    /** Starts a SparkContext from the options (or joins the one this JVM already runs). */
    @Override
    public SweepEngine create(EngineOptions options, TrialKinds kinds, PluginRegistry plugins) {
      if (options.jobs() != 0) {
        throw new IllegalArgumentException("--jobs is for the local engine; Spark runs as many trials at once as it "
            + "has task slots");
      }
      long asked = System.currentTimeMillis();
      SparkContext context = SparkContext.getOrCreate(SparkSettings.conf(options));
      // a context that started before we asked is someone else's (one per JVM): use it, leave it running
      return new SparkEngine(new JavaSparkContext(context), context.startTime() >= asked);
    }
  }
}
