package org.taskmet.bench.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskmet.core.io.AtomicFiles;
import org.taskmet.core.io.Tmpfs;

/**
 * Faults under a running sweep: result files damaged between runs, a disk that fills up (a small kernel tmpfs and
 * an in-memory file system), a writer killed with SIGKILL in the middle of its writes. Each time: finished trials
 * survive whole, no partial or stray file stays, and the next run resumes to the results of an uninterrupted run.
 */
class ResultStoreFaultTest {
  /** About 100 kB per trial (result JSON and values.csv). */
  static final String BIG = "kind: test-arithmetic\nseeds: 4\nbase: {draws: 2000}\naxes: {x: [1, 2]}\n";

  @TempDir Path dir;

  @Test
  void damagedResultFilesAreSetAsideAndTheirTrialsRunAgain() throws Exception {
    Sweep sweep = SweepRunnerTest.plan(SweepRunnerTest.GRID);
    SweepRunnerTest.runner().run(sweep, dir, EngineOptions.local(1), "first", false);
    ResultStore store = new ResultStore(dir);
    List<Trial> t = sweep.trials();
    String original = Files.readString(store.trialFile(t.get(0).id()));
    Files.writeString(store.trialFile(t.get(0).id()), "");                                          // emptied
    Files.writeString(store.trialFile(t.get(1).id()), original.substring(0, original.length() / 2)); // truncated
    Files.writeString(store.trialFile(t.get(2).id()), original);                                     // another's
    Files.writeString(store.trialFile(t.get(3).id()), original.replaceAll("\"values\" : \\[[^]]*]",
        "\"values\" : \"many\""));                                                                     // wrong type
    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(loader(store, t.get(i))).isInstanceOf(ResultStore.UnreadableResultException.class)
          .hasMessageStartingWith("result file " + store.trialFile(t.get(i).id()) + " is unreadable: ");
    }

    SweepRunner.Outcome again = SweepRunnerTest.runner().run(sweep, dir, EngineOptions.local(1), "again", false);
    assertThat(again.resumed()).isEqualTo(t.size() - 4);
    assertThat(again.ran()).as("the four damaged ones").isEqualTo(4);
    for (int i = 0; i < 4; i++) {
      assertThat(store.trialFile(t.get(i).id()).resolveSibling(t.get(i).id() + ".json.unreadable"))
          .as("kept for inspection, never deleted").exists();
      assertThat(store.load(t.get(i).id())).isPresent();
    }
    TrialRecord before = ResultStore.JSON.readValue(original, TrialRecord.class);
    TrialRecord rerun = store.load(t.get(0).id()).orElseThrow();
    assertThat(rerun.scores()).as("the rerun gives the same numbers").isEqualTo(before.scores());
    assertThat(SameResults.withoutTimings(rerun.result())).isEqualTo(SameResults.withoutTimings(before.result()));
  }

  @Test
  void aWrongResultTypeIsSetAsideToo() throws Exception {
    Sweep sweep = SweepRunnerTest.plan(SweepRunnerTest.GRID);
    SweepRunnerTest.runner().run(sweep, dir, EngineOptions.local(1), "first", false);
    ResultStore store = new ResultStore(dir);
    Path f = store.trialFile(sweep.trials().get(0).id());
    Files.writeString(f, Files.readString(f).replaceFirst("\"sum\" : [-0-9.eE]+", "\"sum\" : \"lots\""));
    SweepRunner.Outcome again = SweepRunnerTest.runner().run(sweep, dir, EngineOptions.local(1), "again", false);
    assertThat(again.ran()).isEqualTo(1);
    assertThat(f.resolveSibling(f.getFileName() + ".unreadable")).exists();
  }

  @Test
  void aFullKernelDiskStopsTheSweepKeepsFinishedTrialsAndResumes() throws Exception {
    try (Tmpfs disk = Tmpfs.mount(dir.resolve("disk"), 2048, false)) {
      assumeTrue(disk != null, "mounting a tmpfs needs root");
      fullDiskThenResume(disk.dir().resolve("out"));
    }
  }

  @Test
  void aFullInMemoryDiskStopsTheSweepKeepsFinishedTrialsAndResumes() throws Exception {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix().toBuilder().setBlockSize(4096)
        .setMaxSize(2048 * 1024).build())) {
      fullDiskThenResume(fs.getPath("/out"));
    }
  }

  /**
   * Fills the disk of {@code out} to 350 kB before its end (room for about three of {@link #BIG}'s trials), runs the
   * sweep until a write fails, frees the space, resumes, and compares with an uninterrupted run.
   */
  private void fullDiskThenResume(Path out) throws Exception {
    Files.createDirectories(out);
    Path filler = out.resolveSibling("filler");
    long room = Files.getFileStore(out).getUsableSpace() - 350 * 1024;
    try (var ch = java.nio.channels.FileChannel.open(filler, java.nio.file.StandardOpenOption.CREATE_NEW,
        java.nio.file.StandardOpenOption.WRITE)) {
      java.nio.ByteBuffer block = java.nio.ByteBuffer.allocate(64 * 1024);
      for (long written = 0; written < room; written += block.capacity()) {
        block.clear();
        ch.write(block);
      }
    }
    Sweep sweep = SweepRunnerTest.plan(BIG);
    assertThatThrownBy(() -> SweepRunnerTest.runner().run(sweep, out, EngineOptions.local(1), "fills", false))
        .hasMessageContaining("cannot write");
    ResultStore store = new ResultStore(out);
    int finished = 0;
    for (Trial t : sweep.trials()) {
      if (Files.exists(store.trialFile(t.id()))) {
        assertThat(store.load(t.id())).as("whole").isPresent();
        assertThat(Files.readString(store.artifactFile(t.id(), "values.csv"))).endsWith("\n");
        finished++;
      }
    }
    assertThat(finished).as("some finished before the disk was full, not all").isPositive()
        .isLessThan(sweep.trials().size());
    assertThat(temporaries(out)).as("no partial file").isEmpty();

    Files.delete(filler);
    SweepRunner.Outcome resumed = SweepRunnerTest.runner().run(sweep, out, EngineOptions.local(1), "resume", false);
    assertThat(resumed.resumed()).isEqualTo(finished);
    assertThat(resumed.ran()).isEqualTo(sweep.trials().size() - finished);
    assertThat(resumed.failures()).isEmpty();
    Path fresh = dir.resolve("fresh");
    SweepRunnerTest.runner().run(sweep, fresh, EngineOptions.local(1), "fresh", false);
    SameResults.assertSame(sweep, store, new ResultStore(fresh), "values.csv");
    assertThat(temporaries(out)).isEmpty();
  }

  private static List<Path> temporaries(Path out) throws Exception {
    try (var files = Files.walk(out)) {
      return files.filter(f -> AtomicFiles.isTemporary(f) || f.toString().endsWith(".tmp")).toList();
    }
  }

  private static org.assertj.core.api.ThrowableAssert.ThrowingCallable loader(ResultStore store, Trial t) {
    return () -> {
      var r = store.load(t.id());
      if (r.isPresent()) {
        ResultStore.JSON.treeToValue(r.get().result(), ArithmeticTrialKind.Result.class);
      }
    };
  }
}
