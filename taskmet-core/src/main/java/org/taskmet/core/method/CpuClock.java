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

  /**
   * Bytes allocated so far by this thread (HotSpot's counter; a count, not a time, so it is exact under any
   * load), or −1 when the JVM does not measure it.
   */
  public static long allocatedBytes() {
    if (THREADS instanceof com.sun.management.ThreadMXBean hotspot && hotspot.isThreadAllocatedMemorySupported()
        && hotspot.isThreadAllocatedMemoryEnabled()) {
      return hotspot.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
    return -1;
  }
}
