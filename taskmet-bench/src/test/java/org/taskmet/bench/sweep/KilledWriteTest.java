package org.taskmet.bench.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskmet.core.io.AtomicFiles;

/**
 * A writer killed with SIGKILL at random moments in the middle of its writes (a real child JVM, 2 MB per artifact):
 * every result file that exists is whole and has its whole artifact; what a kill leaves half-written is a temporary
 * file, and the next run's clean-up removes exactly those.
 */
class KilledWriteTest {
  static final int TRIALS = 40;

  @TempDir Path dir;

  @Test
  void killsDuringWritesLeaveOnlyWholeResultsAndRemovableTemporaries() throws Exception {
    Path out = dir.resolve("out");
    SplittableRandom rng = new SplittableRandom(14);
    int kills = 0;
    int temporariesSeen = 0;
    while (kills < 8 && finished(out) < TRIALS) {
      Process writer = ChildJvm.start(dir.resolve("writer.log"), ChildJvm.Writer.class, out.toString(), "" + TRIALS);
      int before = finished(out);
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (finished(out) == before && writer.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      Thread.sleep(rng.nextInt(1, 40)); // somewhere inside a later write
      writer.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no finally block runs
      kills++;
      temporariesSeen += temporaries(out);
      checkWhole(out);
    }
    assertThat(kills).isEqualTo(8);
    assertThat(temporariesSeen).as("the kills did land inside writes").isPositive();
    ResultStore store = new ResultStore(out);
    int left = temporaries(out);
    assertThat(store.removeInterruptedWrites()).isEqualTo(left);
    assertThat(temporaries(out)).isZero();
    checkWhole(out);
  }

  /** Every result file loads, and its artifact is complete. */
  private static void checkWhole(Path out) throws Exception {
    ResultStore store = new ResultStore(out);
    for (int i = 0; i < TRIALS; i++) {
      String id = "w_" + i;
      if (Files.exists(store.trialFile(id))) {
        assertThat(store.load(id)).isPresent();
        assertThat(Files.readString(store.artifactFile(id, "big.csv"))).endsWith("\nend\n");
      }
    }
  }

  private static int finished(Path out) throws Exception {
    if (!Files.isDirectory(out.resolve("trials"))) {
      return 0;
    }
    try (var files = Files.list(out.resolve("trials"))) {
      return (int) files.filter(f -> f.getFileName().toString().matches("w_\\d+\\.json")).count();
    }
  }

  private static int temporaries(Path out) throws Exception {
    if (!Files.isDirectory(out.resolve("trials"))) {
      return 0;
    }
    try (var files = Files.list(out.resolve("trials"))) {
      return (int) files.filter(AtomicFiles::isTemporary).count();
    }
  }
}
