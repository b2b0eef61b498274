package org.taskmet.solvers.combinatorial;

import java.lang.management.ManagementFactory;

/** Bytes the calling thread allocates while running a piece of code (HotSpot's per-thread counter). */
final class Allocation {
  private Allocation() {}

  /** Runs {@code body} {@code warmup} times (so it is compiled), then measures {@code calls} more runs. */
  static long bytesPerCall(Runnable body, int warmup, int calls) {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (int i = 0; i < warmup; i++) {
      body.run();
    }
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < calls; i++) {
      body.run();
    }
    long after = threads.getCurrentThreadAllocatedBytes();
    return (after - before) / calls;
  }
}
