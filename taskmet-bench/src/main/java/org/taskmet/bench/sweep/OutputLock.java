package org.taskmet.bench.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.taskmet.core.io.IoErrors;

/**
 * The lock on a result folder: one run at a time writes into it. A second run on the same folder stops at once
 * with an error naming the holder (pid, host, start time, command) instead of doing all the work again.
 *
 * <p>The lock is an operating-system file lock on {@value #FILE}, so it disappears with the process that holds it,
 * however that process ends. The file also holds the holder's description; a description left by a process that
 * no longer holds the lock is a stale lock, reported in the log and taken over. The file is emptied, never deleted,
 * on release, so two runs cannot end up holding locks on two different files of the same name.
 */
public final class OutputLock implements AutoCloseable {
  /** The lock file's name inside the result folder. */
  public static final String FILE = ".taskmet-lock";
  private static final Logger LOG = LoggerFactory.getLogger(OutputLock.class);

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private OutputLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code dir} (creating it) for this process.
   *
   * @param command what this run is, recorded for whoever finds the folder locked
   * @throws FolderLockedException naming the holder when another run holds the folder
   */
  public static OutputLock acquire(Path dir, String command) {
    Path file = dir.resolve(FILE);
    FileChannel channel = null;
    try {
      Files.createDirectories(dir);
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by another run inside this JVM
      }
      if (lock == null) {
        String holder = read(channel).orElse("a run that is just starting");
        channel.close();
        throw new FolderLockedException("result folder " + dir + " is in use by another run (" + holder
            + "); wait for it to finish or choose another output folder");
      }
      read(channel).ifPresent(stale -> LOG.warn("{}: taking over a stale lock left by a run that ended without "
          + "releasing it ({})", dir, stale));
      String me = "pid " + ProcessHandle.current().pid() + " on " + host() + ", started " + Instant.now() + ": "
          + command;
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      return new OutputLock(file, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("cannot lock result folder " + dir + ": " + IoErrors.describe(e), e);
    }
  }

  /** The description of the run holding {@code dir}'s lock file, if the file names one. */
  public static Optional<String> holder(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      String s = Files.readString(file, StandardCharsets.UTF_8).strip();
      return s.isEmpty() ? Optional.empty() : Optional.of(s);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> read(FileChannel channel) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
    channel.read(buf, 0);
    String s = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown host";
    }
  }

  /** Empties the lock file and releases the lock. */
  @Override
  public void close() {
    try {
      channel.truncate(0);
      lock.release();
    } catch (IOException e) {
      LOG.warn("cannot release the lock {}: {}", file, e.getMessage());
    } finally {
      closeQuietly(channel);
    }
  }

  private static void closeQuietly(FileChannel c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // closing is best effort: the lock goes with the process anyway
      }
    }
  }

  /** Another run holds the folder. */
  public static final class FolderLockedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    FolderLockedException(String message) {
      super(message);
    }
  }
}
