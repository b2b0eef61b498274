package org.taskmet.bench.sweep;

import java.net.InetAddress;
import java.util.Map;
import java.util.TreeMap;
import org.taskmet.api.ProgressListener;
import org.taskmet.core.linalg.Kernels;
import org.taskmet.core.plugin.PluginRegistry;
import org.taskmet.core.provenance.BuildInfo;

/** Runs one trial in this JVM: what every engine does with a trial, wherever it runs it. */
public final class TrialExecution {
  private TrialExecution() {}

  /**
   * Runs {@code trial} with the kind of its name and returns its result file's content and artifacts.
   *
   * @param engine names the engine in the record's environment
   * @throws TrialFailedException naming the trial and the error when the trial throws, returns a non-finite score
   *     or a result that does not serialize
   */
  public static CompletedTrial run(Trial trial, TrialKinds kinds, PluginRegistry plugins, int threads,
      ProgressListener progress, String engine) {
    try {
      return runTyped(trial, kinds.get(trial.kind()), plugins, threads, progress, engine);
    } catch (TrialFailedException e) {
      throw e;
    } catch (Exception | StackOverflowError | AssertionError e) {
      throw new TrialFailedException(trial.id(), message(e), e);
    }
  }

  private static <S, R> CompletedTrial runTyped(Trial trial, TrialKind<S, R> kind, PluginRegistry plugins, int threads,
      ProgressListener progress, String engine) throws Exception {
    S spec = SpecMaps.convert(trial.spec(), kind.specType(), kind.name() + " trial spec");
    long start = System.nanoTime();
    TrialOutput<R> out = kind.run(spec, new TrialContext(trial.id(), plugins, threads, progress));
    double seconds = (System.nanoTime() - start) / 1e9;
    if (out == null || out.result() == null) {
      throw new IllegalStateException("trial kind '" + kind.name() + "' returned no result");
    }
    Map<String, Double> scores = new TreeMap<>(kind.scores(out.result()));
    scores.forEach((name, value) -> {
      if (value == null || !Double.isFinite(value)) {
        throw new ArithmeticException("score '" + name + "' is " + value + " (training diverged?); no result file "
            + "was written");
      }
    });
    TrialRecord record = new TrialRecord(TrialRecord.FORMAT, trial.id(), trial.kind(), trial.labels(), trial.spec(),
        scores, ResultStore.JSON.valueToTree(out.result()), seconds, environment(engine));
    return new CompletedTrial(record, out.artifacts());
  }

  /** Where and with what a trial ran. */
  static Map<String, String> environment(String engine) {
    Map<String, String> env = new TreeMap<>();
    env.put("taskmet", BuildInfo.current().version());
    env.put("commit", BuildInfo.current().commit());
    env.put("java", Runtime.version().toString());
    env.put("kernels", Kernels.get().name());
    env.put("engine", engine);
    env.put("host", host());
    return env;
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  /** The innermost message worth showing, with the exception type when it says something the message does not. */
  static String message(Throwable t) {
    Throwable cur = t;
    while (cur.getCause() != null && cur.getMessage() != null && cur.getCause().getMessage() != null
        && cur.getMessage().equals(cur.getCause().toString())) {
      cur = cur.getCause();
    }
    String msg = cur.getMessage();
    return msg == null ? cur.getClass().getName() : msg;
  }
}
