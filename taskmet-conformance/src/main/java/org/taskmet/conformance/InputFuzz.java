package org.taskmet.conformance;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Property-based fuzzing of an input reader (a data loader, a config parser): a target runs on its valid seeds,
 * then on seeded {@link Mutations} of them, and must keep its invariant (a valid result or a clear error naming the
 * input). A failure names the target, the case and the input, and replays from the same seeds. taskmet's own
 * loaders are tested with it (docs/RELIABILITY.md); a plugin that reads files can test its reader the same way.
 */
public final class InputFuzz {
  /** One input under test; throws (an assertion) when the invariant does not hold. */
  public interface Target {
    void accept(byte[] input, String seedName) throws Exception;
  }

  /** Code whose allocation is measured. */
  public interface Body {
    void run() throws Exception;
  }

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

  private InputFuzz() {}

  /** Runs the valid seeds, then {@code cases} mutations of them; returns the number of inputs tried. */
  public static int property(String what, int cases, List<byte[]> seeds, Target target) {
    SplittableRandom rng = new SplittableRandom(what.hashCode());
    for (int i = -seeds.size(); i < cases; i++) {
      int s = Math.floorMod(i, seeds.size());
      byte[] input = i < 0 ? seeds.get(s) : Mutations.mutate(seeds.get(s), rng);
      try {
        target.accept(input, "seed" + s);
      } catch (Throwable t) {
        throw new AssertionError(what + " case " + i + " (mutation of seed " + s + "), input:\n"
            + new String(input, StandardCharsets.ISO_8859_1) + "\n", t);
      }
    }
    return seeds.size() + cases;
  }

  /** The seeds as UTF-8 bytes. */
  public static List<byte[]> utf8(String... seeds) {
    return Arrays.stream(seeds).map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
  }

  /** Bytes the current thread allocates while running {@code body} (the body's exceptions pass through). */
  public static long allocatedBytes(Body body) throws Exception {
    long before = THREADS.getCurrentThreadAllocatedBytes();
    body.run();
    return THREADS.getCurrentThreadAllocatedBytes() - before;
  }
}
