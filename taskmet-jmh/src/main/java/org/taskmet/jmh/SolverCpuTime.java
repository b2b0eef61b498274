package org.taskmet.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Companion to {@link SolverBenchmarks} for a shared, overloaded machine: runs the same benchmark bodies on
 * the same inputs and reports <em>per-thread CPU time</em> per operation (ThreadMXBean), which does not count
 * the time the thread waits for a core. It is not a JMH replacement (no forks, no blackholes beyond
 * consuming the result, simple warm-up: the first rounds are printed so the steady state is visible); the
 * JMH throughput numbers remain the reference. Usage:
 * <pre>
 * java --add-modules jdk.incubator.vector -cp taskmet-jmh/target/benchmarks.jar \
 *     org.taskmet.jmh.SolverCpuTime [rounds] [opsPerRound]
 * </pre>
 */
public final class SolverCpuTime {
  private SolverCpuTime() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int ops = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    SolverBenchmarks b = new SolverBenchmarks();
    b.setup();
    Map<String, Supplier<Object>> bodies = new LinkedHashMap<>();
    bodies.put("portfolioQp50Forward", b::portfolioQp50Forward);
    bodies.put("portfolioQp50ForwardBackward", b::portfolioQp50ForwardBackward);
    bodies.put("portfolioQp50InteriorPointForward", b::portfolioQp50InteriorPointForward);
    bodies.put("portfolioQp50InteriorPointForwardBackward", b::portfolioQp50InteriorPointForwardBackward);
    bodies.put("softTopK50Forward", b::softTopK50Forward);
    bodies.put("softTopK50ForwardBackward", b::softTopK50ForwardBackward);
    bodies.put("budget5x10Forward", b::budget5x10Forward);
    bodies.put("budget5x10ForwardBackward", b::budget5x10ForwardBackward);
    bodies.put("cappedSimplexProjection50", b::cappedSimplexProjection50);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int sink = 0;
    for (var e : bodies.entrySet()) {
      StringBuilder line = new StringBuilder(String.format("%-42s cpu us/op per round:", e.getKey()));
      for (int r = 0; r < rounds; r++) {
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < ops; i++) {
          sink += System.identityHashCode(e.getValue().get()) & 1;
        }
        line.append(String.format(" %.2f", (threads.getCurrentThreadCpuTime() - start) / 1e3 / ops));
      }
      System.out.println(line);
    }
    System.out.println("(sink " + sink + ")");
  }
}
