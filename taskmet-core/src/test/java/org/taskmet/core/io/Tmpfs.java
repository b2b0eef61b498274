package org.taskmet.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted for a fault-injection test: a real kernel file system that runs out of space after a few
 * kilobytes, or refuses every write (read-only). Needs root and a kernel that lets the test mount (CI runs as root);
 * {@link #mount} returns null where it cannot, and the test then skips that case.
 */
public final class Tmpfs implements AutoCloseable {
  private final Path dir;

  private Tmpfs(Path dir) {
    this.dir = dir;
  }

  /**
   * Mounts a tmpfs of {@code kilobytes} on {@code dir} (created), read-only when {@code readOnly}; null when this
   * process may not mount.
   */
  public static Tmpfs mount(Path dir, int kilobytes, boolean readOnly) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    String options = "size=" + kilobytes + "k" + (readOnly ? ",ro" : "");
    if (run(List.of("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString())) != 0) {
      return null;
    }
    return new Tmpfs(dir);
  }

  public Path dir() {
    return dir;
  }

  /** Fills the file system to the last byte (the file {@code filler}), so the next write fails with ENOSPC. */
  public Path fill() throws IOException {
    Path filler = dir.resolve("filler");
    byte[] block = new byte[4096];
    try (var out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(block);
        out.flush();
      }
    } catch (IOException full) {
      // the disk is full: the point
    }
    byte[] one = new byte[1];
    try (var out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.APPEND)) {
      while (true) {
        out.write(one);
        out.flush();
      }
    } catch (IOException full) {
      return filler;
    }
  }

  /** Remounts read-only (true) or read-write (false), keeping the files. */
  public void remount(boolean readOnly) throws IOException, InterruptedException {
    if (run(List.of("mount", "-o", "remount," + (readOnly ? "ro" : "rw"), dir.toString())) != 0) {
      throw new IOException("cannot remount " + dir);
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (run(List.of("umount", "-l", dir.toString())) != 0) {
      throw new IOException("cannot unmount the test tmpfs at " + dir);
    }
  }

  private static int run(List<String> command) throws IOException, InterruptedException {
    if (!"root".equals(System.getProperty("user.name"))) {
      return -1;
    }
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException noMountCommand) {
      return -1;
    }
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }
}
