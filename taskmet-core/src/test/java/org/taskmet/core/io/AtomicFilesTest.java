package org.taskmet.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole files or none: replacement, failures, full and read-only disks, permissions, stale temporaries. */
class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void writesReplacesAndLeavesOnlyTheTarget() throws IOException {
    Path f = dir.resolve("sub/result.json");
    AtomicFiles.writeString(f, "one");
    AtomicFiles.writeString(f, "two");
    assertThat(Files.readString(f)).isEqualTo("two");
    assertThat(names(f.getParent())).containsExactly("result.json");
  }

  @Test
  void filesGetTheDefaultPermissionsNotOwnerOnly() throws IOException {
    Path reference = Files.createFile(dir.resolve("reference")); // created with the process umask
    Path f = dir.resolve("result.json");
    AtomicFiles.writeString(f, "{}");
    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(f);
    assertThat(mode).isEqualTo(Files.getPosixFilePermissions(reference));
    assertThat(mode).as("readable by collaborators under umask 022").contains(PosixFilePermission.OTHERS_READ);
  }

  @Test
  void aFailingWriterLeavesTheOldFileAndNoTemporary() throws IOException {
    Path f = dir.resolve("plot.png");
    AtomicFiles.writeString(f, "old");
    assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
      out.write("half a pic".getBytes(StandardCharsets.UTF_8));
      throw new IOException("renderer crashed");
    })).hasMessage("renderer crashed");
    assertThat(Files.readString(f)).isEqualTo("old");
    assertThat(names(dir)).containsExactly("plot.png");
  }

  @Test
  void writersThatCloseTheirStreamStillReachTheDisk() throws IOException {
    Path f = dir.resolve("closed.txt");
    AtomicFiles.write(f, out -> {
      out.write('x');
      out.close();
    });
    assertThat(Files.readString(f)).isEqualTo("x");
  }

  @Test
  void aFolderIsNeverReplacedByAFile() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("predictor.json"));
    assertThatThrownBy(() -> AtomicFiles.writeString(folder, "{}")).isInstanceOf(IOException.class)
        .hasMessage(folder + " is a folder, not a file");
    assertThat(folder).isDirectory();
  }

  @Test
  void removesOnlyItsOwnTemporaries() throws IOException {
    Files.writeString(dir.resolve(".a.json.0123456789abcdef.tmp"), "{\"half");
    Files.writeString(dir.resolve("notes.tmp"), "the user's");
    Files.writeString(dir.resolve("a.json"), "{}");
    assertThat(AtomicFiles.removeTemporaries(dir)).isEqualTo(1);
    assertThat(names(dir)).containsExactly("a.json", "notes.tmp");
    assertThat(AtomicFiles.removeTemporaries(dir.resolve("absent"))).isZero();
  }

  @Test
  void aFullInMemoryDiskLeavesTheOldFileAndNoTemporary() throws IOException {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix().toBuilder().setBlockSize(1024)
        .setMaxSize(64 * 1024).build())) {
      Path f = fs.getPath("/out/summary.csv");
      AtomicFiles.writeString(f, "small");
      assertThatThrownBy(() -> AtomicFiles.write(f, new byte[128 * 1024])).isInstanceOf(IOException.class);
      assertThat(Files.readString(f)).isEqualTo("small");
      assertThat(names(f.getParent())).containsExactly("summary.csv");
    }
  }

  @Test
  void aFullKernelDiskLeavesTheOldFileAndNoTemporary() throws Exception {
    try (Tmpfs disk = Tmpfs.mount(dir.resolve("disk"), 64, false)) {
      assumeTrue(disk != null, "mounting a tmpfs needs root");
      Path f = disk.dir().resolve("decision-quality.png");
      AtomicFiles.writeString(f, "old plot");
      Path filler = disk.fill();
      IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
          () -> AtomicFiles.write(f, new byte[16 * 1024]));
      assertThat(IoErrors.describe(e)).contains("No space left on device");
      assertThat(Files.readString(f)).isEqualTo("old plot");
      Files.delete(filler);
      assertThat(names(disk.dir())).containsExactly("decision-quality.png");
    }
  }

  @Test
  void aReadOnlyDiskGivesTheReason() throws Exception {
    try (Tmpfs disk = Tmpfs.mount(dir.resolve("ro"), 64, true)) {
      assumeTrue(disk != null, "mounting a tmpfs needs root");
      IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
          () -> AtomicFiles.writeString(disk.dir().resolve("table.md"), "x"));
      assertThat(IoErrors.describe(e)).startsWith(disk.dir().toString()).contains("Read-only file system");
    }
  }

  @Test
  void describesFileSystemErrorsWithPathAndReason() {
    assertThat(IoErrors.describe(new java.nio.file.AccessDeniedException("/out"))).isEqualTo("/out: permission denied");
    assertThat(IoErrors.describe(new java.nio.file.NoSuchFileException("/proc/foo")))
        .isEqualTo("/proc/foo: no such file or folder");
    assertThat(IoErrors.describe(new java.nio.file.DirectoryNotEmptyException("/save")))
        .isEqualTo("/save: is a folder that is not empty");
    assertThat(IoErrors.describe(new java.nio.file.FileSystemException("/a", null, "No space left on device")))
        .isEqualTo("/a: No space left on device");
    assertThat(IoErrors.describe(new IOException("plain"))).isEqualTo("plain");
  }

  private static List<String> names(Path d) throws IOException {
    try (var s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
