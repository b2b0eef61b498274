package org.taskmet.jmh;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.taskmet.api.Matrix;
import org.taskmet.core.linalg.Kernels;
import org.taskmet.core.linalg.RecordingKernels;
import org.taskmet.core.metric.NormalizedDiagonalMetric;
import org.taskmet.core.nn.Activation;
import org.taskmet.core.nn.Initialization;
import org.taskmet.core.nn.Sequential;
import org.taskmet.core.rl.AgentConfig;
import org.taskmet.core.rl.ModelLearning;
import org.taskmet.core.rl.UpdateCost;
import org.taskmet.tasks.rl.CartPole;
import org.taskmet.tasks.rl.CartPoleConfig;
import org.taskmet.tasks.rl.DistractorWrapper;

/**
 * The load-independent profile of TaskMet's outer-step products ({@link HypergradientBenchmark}, at the three
 * paper sizes), of an MLP at the RL agent's widths and of one whole RL agent update (MLE and TaskMet at the default
 * d = 68): for one call of each product, every kernel call by operation and shape (GEMM M×N×K and transposes)
 * with its FLOPs, and the bytes the product allocates per call (the thread's allocation counter: the lowest batch
 * once the JIT has settled). Prints Markdown.
 *
 * <p>{@code --time} adds the nanoseconds spent in each shape and outside the kernels (bias/activation passes,
 * copies, the loss's own loops): those depend on the machine's load, so take them on a quiet machine only.
 * {@code --only TEXT} profiles only the products whose name contains TEXT (e.g. {@code --only "rl taskmet"}).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp taskmet-jmh/target/benchmarks.jar org.taskmet.jmh.ProductProfile [--time] [--only TEXT]
 * </pre>
 */
public final class ProductProfile {
  private static final String[] PRODUCTS = {"grad", "hvp", "mixed", "hypergrad"};
  /**
   * Warm-up: at least this long, then until {@value #SETTLED_BATCHES} batches in a row set no new low (by more
   * than 1 %) of bytes per call; the low is the result. Interpreted or C1-compiled Vector API code allocates its
   * vectors, so the bytes only fall as C2 compiles the kernels, and how long that takes depends on the load.
   */
  private static final long MIN_WARM_UP_NANOS = 5_000_000_000L;
  private static final int SETTLED_BATCHES = 5;
  private static final long MAX_WARM_UP_NANOS = 120_000_000_000L;
  private static final int BATCH_CALLS = 10;
  /** Results' lengths are added here so the JIT cannot drop the calls. */
  private static volatile long sink;
  /** Only products whose name contains this are profiled (--only). */
  private static String only = "";

  private ProductProfile() {}

  public static void main(String[] args) {
    boolean time = List.of(args).contains("--time");
    int at = List.of(args).indexOf("--only");
    if (at >= 0) {
      if (at + 1 >= args.length) {
        throw new IllegalArgumentException(
            "--only needs the text a product's name must contain, e.g. --only \"rl taskmet\"");
      }
      only = args[at + 1];
    }
    System.setProperty("taskmet.kernels.record", "true"); // before the first use of Kernels
    if (!(Kernels.get() instanceof RecordingKernels recorder)) {
      throw new IllegalStateException("the kernels were chosen before -Dtaskmet.kernels.record was set");
    }
    System.out.printf("kernels %s, %s%n", Kernels.get().name(), Runtime.version());
    for (String size : new String[] {"cubic", "budget", "portfolio"}) {
      HypergradientBenchmark b = new HypergradientBenchmark();
      b.size = size;
      b.setUp();
      for (String product : PRODUCTS) {
        Supplier<double[]> call = switch (product) {
          case "grad" -> b::grad;
          case "hvp" -> b::hvp;
          case "mixed" -> b::mixed;
          default -> b::hypergrad;
        };
        report(size + " " + product, call, recorder, time);
      }
    }
    // The RL agent's networks (issue 11): 2 hidden layers of 32, batch 256, observation dimension 516.
    SplittableRandom rng = new SplittableRandom(1);
    Sequential rl = Sequential.mlp(516, 516, 2, 32, Activation.RELU, Activation.IDENTITY,
        Initialization.pytorchDefault());
    double[] theta = rl.initialParameters(rng);
    double[] u = ModelBenchmark.gaussian(theta.length, rng);
    Matrix x = new Matrix(256, 516, ModelBenchmark.gaussian(256 * 516, rng));
    Matrix g = new Matrix(256, 516, ModelBenchmark.gaussian(256 * 516, rng));
    report("rl-mlp grad", () -> rl.vjp(rl.forward(theta, x), g), recorder, time);
    report("rl-mlp hvp", () -> rl.vjpTangent(rl.forward(theta, x), u, g, g), recorder, time);
    // One whole agent update of the default profile (k = 64 distractors, d = 68), as RlUpdateBenchmark times it.
    for (ModelLearning method : new ModelLearning[] {ModelLearning.MLE, ModelLearning.TASKMET}) {
      UpdateCost.Prepared prepared = UpdateCost.prepare(method, AgentConfig.reference(),
          new DistractorWrapper(new CartPole(CartPoleConfig.defaults()), 64), NormalizedDiagonalMetric::new, 1);
      report("rl " + method.label() + " update d=68", () -> {
        prepared.update();
        return prepared.agent().modelParameters();
      }, recorder, time);
    }
  }

  private static void report(String name, Supplier<double[]> call, RecordingKernels recorder, boolean time) {
    if (!name.contains(only)) {
      return;
    }
    long start = System.nanoTime();
    long bytes = batchBytesPerCall(call);
    int batchesWithoutNewLow = 0;
    while (System.nanoTime() - start < MAX_WARM_UP_NANOS
        && (System.nanoTime() - start < MIN_WARM_UP_NANOS || batchesWithoutNewLow < SETTLED_BATCHES)) {
      long next = batchBytesPerCall(call);
      batchesWithoutNewLow = next < bytes - bytes / 100 ? 0 : batchesWithoutNewLow + 1;
      bytes = Math.min(bytes, next);
    }
    boolean settled = batchesWithoutNewLow >= SETTLED_BATCHES;

    recorder.start();
    long t0 = System.nanoTime();
    sink += call.get().length;
    long total = System.nanoTime() - t0;
    recorder.stop();
    List<RecordingKernels.Count> counts = recorder.counts();

    long flops = counts.stream().mapToLong(RecordingKernels.Count::flops).sum();
    long gemmFlops = counts.stream().filter(c -> c.shape().op().equals("gemm"))
        .mapToLong(RecordingKernels.Count::flops).sum();
    long kernelNanos = counts.stream().mapToLong(RecordingKernels.Count::nanos).sum();
    System.out.printf(Locale.ROOT, "%n### %s%n%n%,d bytes allocated per call%s; %,d kernel calls, %s FLOP "
            + "(%.1f %% in GEMMs)%n%n", name, bytes, settled ? "" : " (NOT SETTLED: the JIT was still compiling)",
        counts.stream().mapToLong(RecordingKernels.Count::calls).sum(), mflop(flops),
        100.0 * gemmFlops / Math.max(1, flops));
    List<String> header = new ArrayList<>(List.of("kernel, shape", "calls", "FLOP", "% of FLOP"));
    if (time) {
      header.addAll(List.of("µs (one call)", "GFLOP/s"));
    }
    System.out.println("| " + String.join(" | ", header) + " |");
    System.out.println("|---" + "|---:".repeat(header.size() - 1) + "|");
    for (RecordingKernels.Count c : counts) {
      String row = String.format(Locale.ROOT, "| %s | %,d | %s | %.1f", c.shape().label(), c.calls(),
          mflop(c.flops()), 100.0 * c.flops() / Math.max(1, flops));
      if (time) {
        row += String.format(Locale.ROOT, " | %.1f | %.2f", c.nanos() / 1e3, (double) c.flops() / c.nanos());
      }
      System.out.println(row + " |");
    }
    if (time) {
      System.out.printf(Locale.ROOT, "%nOne call: %.1f µs, of which %.1f µs in kernels and %.1f µs outside them "
          + "(bias/activation passes, copies, allocation, the loss's loops; the timer adds ~50 ns per kernel call)%n",
          total / 1e3, kernelNanos / 1e3, (total - kernelNanos) / 1e3);
    }
  }

  /** The bytes this thread allocates per call, over a batch of calls. */
  private static long batchBytesPerCall(Supplier<double[]> call) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < BATCH_CALLS; i++) {
      sink += call.get().length;
    }
    return (threads.getCurrentThreadAllocatedBytes() - before) / BATCH_CALLS;
  }

  /** FLOPs in M (millions) with 3 significant digits. */
  private static String mflop(long flops) {
    return String.format(Locale.ROOT, "%.3g M", flops / 1e6);
  }
}
