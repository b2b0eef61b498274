package org.taskmet.core.linalg;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Row parallelism inside a product: while a thread runs work under {@link #withThreads} with a budget above 1, each
 * gemm it calls of at least {@link #MIN_FLOPS} FLOPs (and {@code 2·}{@link #MIN_ROWS} rows) splits C's rows into up
 * to that many blocks, one computed by the calling thread and the others on a shared pool of daemon threads.
 *
 * <p>Bit-identical to one thread: both kernels compute every C element the same way whichever block (and tile)
 * holds its row, so the budget changes the time, never a result. Off unless asked: the default budget is 1, and
 * a sweep that runs one trial per core gives each trial a budget of 1 (issue 10's thread budget, {@code
 * TrialContext.threads()}). The pool threads' CPU time is not the calling thread's: per-thread CPU clocks (a
 * trial's {@code cpuSecondsPerStep}) count only the calling thread's blocks. A split gemm allocates its tasks (a few
 * hundred bytes); one on a single thread allocates nothing.
 */
public final class RowParallelism {
  /** Products below this (2·m·n·k) stay on one thread: a hand-off to the pool costs microseconds. */
  public static final long MIN_FLOPS = 4_000_000L;
  /** Rows per block at least. */
  public static final int MIN_ROWS = 8;

  private static final ThreadLocal<int[]> BUDGET = ThreadLocal.withInitial(() -> new int[] {1});
  /** False until the first budget above 1: until then a gemm pays one volatile read, not a thread-local lookup. */
  private static volatile boolean used;
  private static final ExecutorService POOL = Executors.newCachedThreadPool(new DaemonThreads());

  private RowParallelism() {}

  /** One block of rows [from, to) of a product. */
  @FunctionalInterface
  interface RowBlock {
    void compute(int from, int to);
  }

  /**
   * Runs {@code work} on this thread with gemm rows split over up to {@code threads} threads, then restores the
   * previous budget.
   *
   * @throws IllegalArgumentException when {@code threads < 1}
   */
  public static <T> T withThreads(int threads, Supplier<T> work) {
    if (threads < 1) {
      throw new IllegalArgumentException("row parallelism needs a budget of at least one thread, got " + threads);
    }
    if (threads > 1) {
      used = true;
    }
    int[] budget = BUDGET.get();
    int previous = budget[0];
    budget[0] = threads;
    try {
      return work.get();
    } finally {
      budget[0] = previous;
    }
  }

  /** This thread's budget (1 outside {@link #withThreads}). */
  public static int threads() {
    return BUDGET.get()[0];
  }

  /** Into how many row blocks this thread splits an m×n×k gemm: 1 unless the budget and the product are large. */
  static int parts(int m, int n, int k) {
    if (!used) {
      return 1;
    }
    int budget = BUDGET.get()[0];
    if (budget <= 1 || 2L * m * n * k < MIN_FLOPS || m < 2 * MIN_ROWS) {
      return 1;
    }
    return Math.min(budget, m / MIN_ROWS);
  }

  /**
   * Computes rows [0, m) in {@code parts} contiguous blocks: the first on this thread, the others on the pool; returns
   * when all are written (also when interrupted: the blocks write into the caller's arrays).
   */
  static void split(int m, int parts, RowBlock block) {
    Future<?>[] others = new Future<?>[parts - 1];
    for (int t = 1; t < parts; t++) {
      int from = bound(m, parts, t);
      int to = bound(m, parts, t + 1);
      others[t - 1] = POOL.submit(() -> block.compute(from, to));
    }
    Throwable failure = null;
    try {
      block.compute(0, bound(m, parts, 1));
    } catch (RuntimeException | Error e) {
      failure = e;
    }
    boolean interrupted = false;
    for (Future<?> f : others) {
      while (true) {
        try {
          f.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = e.getCause();
          }
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    if (failure != null) {
      throw new IllegalStateException("a row block of a gemm failed", failure);
    }
  }

  /** The first row of block t of {@code parts} (block {@code parts} ends at m): blocks differ by at most one row. */
  private static int bound(int m, int parts, int t) {
    return (int) ((long) m * t / parts);
  }

  private static final class DaemonThreads implements java.util.concurrent.ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "taskmet-gemm-rows-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }
}
