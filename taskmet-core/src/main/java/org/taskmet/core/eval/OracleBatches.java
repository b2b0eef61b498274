package org.taskmet.core.eval;

import java.util.List;
import java.util.stream.IntStream;
import org.taskmet.api.Instance;
import org.taskmet.api.LexicographicOracle;
import org.taskmet.api.LinearOracle;

/**
 * Many oracle calls at once, spread over up to {@code threads} cores: rows of a stacked N×d reward array in, rows
 * of a stacked N×d decision array out. The rows are split into one contiguous chunk per thread (each chunk reuses
 * its row buffers, so the oracle calls themselves allocate nothing), run on the common fork-join pool; every row
 * is solved independently and written to its own slice, so the result does not depend on the number of threads.
 * Small batches, and a budget of one thread, run on the calling thread.
 */
public final class OracleBatches {
  /** Below this many rows the batch runs on the calling thread: forking costs more than it saves. */
  public static final int PARALLEL_THRESHOLD = 64;

  private OracleBatches() {}

  /** decisions[i] = argmax rewards[i]ᵀz for every row i, with instance i's feasible set. */
  public static void argmaxAll(LinearOracle oracle, double[] rewards, List<Instance> instances, double[] decisions,
      int threads) {
    run(oracle, rewards, null, instances, decisions, threads);
  }

  /** decisions[i] = the lexicographic maximizer of (primary[i], secondary[i]) for every row i. */
  public static void argmaxLexicographicAll(LexicographicOracle oracle, double[] primary, double[] secondary,
      List<Instance> instances, double[] decisions, int threads) {
    run(oracle, primary, secondary, instances, decisions, threads);
  }

  private static void run(LinearOracle oracle, double[] first, double[] second, List<Instance> instances,
      double[] decisions, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException(oracle.name() + ": a batch needs at least one thread, got " + threads);
    }
    int n = instances.size();
    if (n == 0) {
      return;
    }
    int d = oracle.dimension(instances.get(0));
    if (first.length != (long) n * d || decisions.length != (long) n * d || (second != null && second.length != first.length)) {
      throw new IllegalArgumentException(oracle.name() + ": a batch of " + n + " instances of dimension " + d
          + " needs arrays of length " + (long) n * d + ", got rewards " + first.length + " and decisions "
          + decisions.length);
    }
    int chunks = n < PARALLEL_THRESHOLD ? 1 : Math.min(threads, Runtime.getRuntime().availableProcessors());
    IntStream range = IntStream.range(0, chunks);
    (chunks > 1 ? range.parallel() : range).forEach(k -> {
      int from = (int) ((long) n * k / chunks);
      int to = (int) ((long) n * (k + 1) / chunks);
      double[] a = new double[d];
      double[] b = second == null ? null : new double[d];
      double[] z = new double[d];
      for (int i = from; i < to; i++) {
        System.arraycopy(first, i * d, a, 0, d);
        if (b != null) {
          System.arraycopy(second, i * d, b, 0, d);
          ((LexicographicOracle) oracle).argmaxLexicographic(a, b, instances.get(i), z);
        } else {
          oracle.argmax(a, instances.get(i), z);
        }
        System.arraycopy(z, 0, decisions, i * d, d);
      }
    });
  }
}
