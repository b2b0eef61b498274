package org.taskmet.tasks.fashion;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST (LeCun's format): a 4-byte magic number
 * {@code 0x00 0x00 <type> <rank>}, then {@code rank} big-endian 32-bit dimension sizes, then the data in
 * row-major order. Only the unsigned-byte element type ({@code 0x08}), the one the (Fashion-)MNIST files
 * use, is supported.
 *
 * <p>The file may be plain or gzip-compressed; gzip is detected from the content (bytes {@code 1f 8b}),
 * not from the file name. Every format problem throws an {@link IdxFormatException} naming the file and
 * what was wrong. Memory grows with the data actually read, never with what a (possibly damaged) header claims.
 */
public final class IdxReader {
  /** IDX element type code of unsigned bytes. */
  static final int TYPE_UNSIGNED_BYTE = 0x08;

  private static final int GZIP_MAGIC_0 = 0x1f;
  private static final int GZIP_MAGIC_1 = 0x8b;

  private IdxReader() {}

  /**
   * An IDX array of unsigned bytes.
   *
   * @param dimensions the sizes, outermost first (e.g. {@code [count, rows, cols]} for images)
   * @param data the values 0..255 stored as Java bytes (read with {@code data[i] & 0xff}), row-major
   */
  public record IdxArray(int[] dimensions, byte[] data) {
    /** The value at flat index {@code i}, 0..255. */
    public int unsigned(int i) {
      return data[i] & 0xff;
    }
  }

  /** Reads a rank-3 unsigned-byte file (count × rows × cols), e.g. {@code train-images-idx3-ubyte.gz}. */
  public static IdxArray readImages(Path file) throws IOException {
    return read(file, 3);
  }

  /** Reads a rank-1 unsigned-byte file (count), e.g. {@code train-labels-idx1-ubyte.gz}. */
  public static IdxArray readLabels(Path file) throws IOException {
    return read(file, 1);
  }

  /**
   * Reads an unsigned-byte IDX file of the given rank.
   *
   * @throws NoSuchFileException when the file does not exist
   * @throws IdxFormatException when the content is not a valid unsigned-byte IDX array of that rank
   */
  public static IdxArray read(Path file, int expectedRank) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "IDX file not found");
    }
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        DataInputStream in = new DataInputStream(decompressIfGzip(raw))) {
      return parse(in, file, expectedRank);
    } catch (EOFException e) {
      throw new IdxFormatException(file, "file ends early (truncated download?)");
    } catch (java.util.zip.ZipException e) {
      throw new IdxFormatException(file, "damaged gzip data (" + e.getMessage() + ")");
    }
  }

  private static InputStream decompressIfGzip(InputStream raw) throws IOException {
    raw.mark(2);
    int b0 = raw.read();
    int b1 = raw.read();
    raw.reset();
    if (b0 == GZIP_MAGIC_0 && b1 == GZIP_MAGIC_1) {
      return new GZIPInputStream(raw, 1 << 16);
    }
    return raw;
  }

  private static IdxArray parse(DataInputStream in, Path file, int expectedRank) throws IOException {
    int magic = in.readInt();
    int zeros = magic >>> 16;
    int type = (magic >>> 8) & 0xff;
    int rank = magic & 0xff;
    if (zeros != 0) {
      throw new IdxFormatException(
          file, String.format("bad magic number 0x%08x: the first two bytes must be 0", magic));
    }
    if (type != TYPE_UNSIGNED_BYTE) {
      throw new IdxFormatException(
          file,
          String.format("unsupported element type 0x%02x in magic 0x%08x (only 0x08, unsigned byte)", type, magic));
    }
    if (rank != expectedRank) {
      throw new IdxFormatException(
          file, String.format("rank %d in magic 0x%08x, expected rank %d", rank, magic, expectedRank));
    }
    int[] dims = new int[rank];
    long total = 1;
    for (int d = 0; d < rank; d++) {
      dims[d] = in.readInt();
      if (dims[d] < 0) {
        throw new IdxFormatException(file, "dimension " + d + " has negative size " + dims[d]);
      }
      total *= dims[d];
      if (total > Integer.MAX_VALUE - 8) {
        throw new IdxFormatException(file, "array too large for one Java array: " + total + " elements so far");
      }
    }
    // read in chunks rather than allocating what the header claims: a damaged 16-byte header may announce 2 GB
    byte[] data = in.readNBytes((int) total);
    if (data.length < total) {
      throw new IdxFormatException(file, "file ends early (truncated download?): the header announces " + total
          + " elements, the file holds " + data.length);
    }
    if (in.read() != -1) {
      throw new IdxFormatException(
          file, "trailing bytes after the " + total + " elements the header announces");
    }
    return new IdxArray(dims, data);
  }

  /** Thrown when an IDX file's content is malformed; the message names the file. */
  public static final class IdxFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public IdxFormatException(Path file, String problem) {
      super("invalid IDX file " + file + ": " + problem);
    }
  }
}
