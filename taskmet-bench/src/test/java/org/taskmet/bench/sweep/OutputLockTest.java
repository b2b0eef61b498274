package org.taskmet.bench.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputLockTest {
  @TempDir Path dir;

  @Test
  void aLockHeldByAnotherProcessStopsUsAndNamesItsPidUntilItDies() throws Exception {
    Path folder = dir.resolve("out");
    Process holder = ChildJvm.start(dir.resolve("holder.log"), ChildJvm.LockHolder.class, folder.toString());
    try {
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      while (!Files.exists(dir.resolve("holder.log")) || !Files.readString(dir.resolve("holder.log")).contains("locked")) {
        assertThat(holder.isAlive()).as("holder died: see " + dir.resolve("holder.log")).isTrue();
        assertThat(Instant.now()).as("holder did not lock in time").isBefore(deadline);
        Thread.sleep(50);
      }
      assertThatThrownBy(() -> OutputLock.acquire(folder, "second run"))
          .isInstanceOf(OutputLock.FolderLockedException.class)
          .hasMessageStartingWith("result folder " + folder + " is in use by another run (pid " + holder.pid() + " on ")
          .hasMessageContaining("the lock-holder test process")
          .hasMessageEndingWith("; wait for it to finish or choose another output folder");
    } finally {
      holder.destroyForcibly().waitFor();
    }
    // the killed holder never released: its description is still in the file, but the OS lock died with it
    assertThat(OutputLock.holder(folder)).hasValueSatisfying(h -> assertThat(h).startsWith("pid " + holder.pid()));
    try (OutputLock lock = OutputLock.acquire(folder, "after the crash")) {
      assertThat(OutputLock.holder(folder)).hasValueSatisfying(
          h -> assertThat(h).startsWith("pid " + ProcessHandle.current().pid()).endsWith("after the crash"));
    }
    assertThat(OutputLock.holder(folder)).as("released: the file is emptied").isEmpty();
  }

  @Test
  void oneProcessCannotTakeItsOwnFolderTwice() {
    try (OutputLock first = OutputLock.acquire(dir, "first")) {
      assertThatThrownBy(() -> OutputLock.acquire(dir, "second")).hasMessageContaining("first");
    }
    OutputLock.acquire(dir, "third").close();
  }
}
