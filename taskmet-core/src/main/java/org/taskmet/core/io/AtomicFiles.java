package org.taskmet.core.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Files that are either absent, or complete: the content goes to a temporary file beside the target
 * ({@code .NAME.XXXXXXXXXXXXXXXX.tmp}), is forced to the disk, and is then moved into place, so a reader, a run
 * resumed after a kill, or a full disk never leaves a half-written file under the target's name. A kill between the
 * write and the move leaves the temporary file, which {@link #removeTemporaries} recognizes and deletes.
 *
 * <p>Files are created with the process's default permissions (0644 under the usual umask 022), not the owner-only
 * mode of {@link Files#createTempFile}: result files are meant to be read by collaborators and other tools.
 */
public final class AtomicFiles {
  private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.[0-9a-f]{16}\\.tmp");
  private static final SecureRandom NAMES = new SecureRandom();

  /** Writes the content of a file to a stream. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFiles() {}

  /** Writes {@code text} (UTF-8) to {@code target}, creating its folder; replaces an existing file. */
  public static void writeString(Path target, String text) throws IOException {
    write(target, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes {@code bytes} to {@code target}, creating its folder; replaces an existing file. */
  public static void write(Path target, byte[] bytes) throws IOException {
    write(target, out -> out.write(bytes));
  }

  /**
   * Writes what {@code content} produces to {@code target}, creating its folder; replaces an existing file. When
   * {@code content} or the disk fails, the target is unchanged and the temporary file is gone.
   *
   * @throws IOException naming the file (see {@link IoErrors#describe})
   */
  public static void write(Path target, Content content) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path folder = absolute.getParent();
    Files.createDirectories(folder);
    if (Files.isDirectory(absolute)) {
      throw new IOException(target + " is a folder, not a file");
    }
    Path tmp = null;
    try {
      FileChannel channel = null;
      while (channel == null) {
        tmp = folder.resolve(temporaryName(absolute.getFileName().toString()));
        try {
          channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException taken) {
          // another writer drew the same 64 random bits: draw again
        }
      }
      try (OutputStream out = Channels.newOutputStream(channel)) {
        // writers that close what they write to (Jackson, ImageIO) must not close the channel before it is forced
        OutputStream unclosable = new FilterOutputStream(out) {
          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
          }

          @Override
          public void close() throws IOException {
            flush();
          }
        };
        content.writeTo(unclosable);
        unclosable.flush();
        channel.force(true);
      }
      try {
        Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } finally {
      if (tmp != null) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /** True for the name of a temporary file this class writes (and a kill may leave behind). */
  public static boolean isTemporary(Path file) {
    Path name = file.getFileName();
    return name != null && TEMPORARY.matcher(name.toString()).matches();
  }

  /**
   * Deletes the temporary files that writes interrupted by a kill left in {@code folder} (not in its subfolders).
   * Call it only when no other process writes into {@code folder}.
   *
   * @return how many were deleted
   */
  public static int removeTemporaries(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    List<Path> stale;
    try (var files = Files.list(folder)) {
      stale = files.filter(AtomicFiles::isTemporary).toList();
    }
    for (Path f : stale) {
      Files.deleteIfExists(f);
    }
    return stale.size();
  }

  private static String temporaryName(String target) {
    byte[] r = new byte[8];
    NAMES.nextBytes(r);
    return "." + target + "." + HexFormat.of().formatHex(r) + ".tmp";
  }
}
