package org.taskmet.core.method;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of the calling thread, reported next to wall time: training is single-threaded, so on a
 * loaded machine CPU seconds are what the run would take alone (wall time falls back when the JVM
 * cannot measure thread CPU time).
 */
public final class CpuClock {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private CpuClock() {}

  /** Nanoseconds of CPU used by this thread, or wall nanoseconds when unsupported. */
  public static long now() {
    return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
  }
}
