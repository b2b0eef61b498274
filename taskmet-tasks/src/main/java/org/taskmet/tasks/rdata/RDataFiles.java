package org.taskmet.tasks.rdata;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * Reads R data files: {@code .rda}/{@code .RData} files written by {@code save} (plain, gzip or bzip2
 * compressed; the compression is detected from the content), and the decompression they share with
 * {@link LazyLoadDatabase}.
 *
 * <p>An {@code .rda} file is, after decompression, {@code "RDX2\n"} or {@code "RDX3\n"} followed by one
 * serialization stream ({@link RSerialization}) holding a pairlist whose tags name the saved objects.
 */
public final class RDataFiles {
  /** Decompressed data larger than this are rejected (R data files are far smaller; this stops bombs). */
  static final long MAX_DECOMPRESSED_BYTES = 1L << 30;

  private RDataFiles() {}

  /**
   * The objects saved in an {@code .rda} file, by name, in file order.
   *
   * @throws NoSuchFileException when the file does not exist
   * @throws IOException when it cannot be read
   * @throws IllegalArgumentException naming the file when the content is not an R data file this reader supports
   */
  public static Map<String, RObject> readRda(Path file) throws IOException {
    byte[] raw = Files.readAllBytes(file);
    byte[] data = decompress(raw, file.toString());
    String magic = data.length >= 5 ? new String(data, 0, 5, StandardCharsets.ISO_8859_1) : "";
    if (!magic.equals("RDX2\n") && !magic.equals("RDX3\n")) {
      throw new IllegalArgumentException(file + ": not an R data file (expected 'RDX2' or 'RDX3' after "
          + "decompression; ASCII saves and other formats are not supported)");
    }
    RObject top = RSerialization.parse(data, 5, file.toString());
    if (!(top instanceof RObject.PairList objects)) {
      throw new IllegalArgumentException(file + ": the saved data are not a pairlist of named objects");
    }
    return objects.asMap();
  }

  /**
   * Decompresses gzip ({@code 1f 8b}), bzip2 ({@code BZh}) or returns plain data unchanged; xz
   * ({@code fd 37 7a 58 5a}) is recognized and rejected with a clear message.
   */
  static byte[] decompress(byte[] raw, String source) {
    if (raw.length >= 2 && (raw[0] & 0xFF) == 0x1f && (raw[1] & 0xFF) == 0x8b) {
      return readAll(() -> new GZIPInputStream(new ByteArrayInputStream(raw)), source, "gzip");
    }
    if (raw.length >= 3 && raw[0] == 'B' && raw[1] == 'Z' && raw[2] == 'h') {
      return readAll(() -> new BZip2CompressorInputStream(new ByteArrayInputStream(raw), true), source, "bzip2");
    }
    if (raw.length >= 5 && (raw[0] & 0xFF) == 0xfd && raw[1] == '7' && raw[2] == 'z' && raw[3] == 'X' && raw[4] == 'Z') {
      throw new IllegalArgumentException(source + ": xz-compressed R data are not supported (gzip and bzip2 are); "
          + "re-save the file with save(..., compress = \"bzip2\")");
    }
    return raw;
  }

  /** Opens a decompressing stream. */
  interface Decompressor {
    InputStream open() throws IOException;
  }

  /**
   * Reads a decompressing stream to the end. The buffer grows with the data actually produced, up to
   * {@link #MAX_DECOMPRESSED_BYTES}; a corrupt stream is an error naming the source.
   */
  static byte[] readAll(Decompressor in, String source, String format) {
    // the decompressors read their first block in the constructor, so opening is inside the try
    try (InputStream s = in.open()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = s.read(buf)) > 0) {
        out.write(buf, 0, n);
        if (out.size() > MAX_DECOMPRESSED_BYTES) {
          throw new IllegalArgumentException(source + ": " + format + " data decompress to more than "
              + MAX_DECOMPRESSED_BYTES + " bytes; not an R data file this reader accepts");
        }
      }
      return out.toByteArray();
    } catch (ZipException | java.io.EOFException e) {
      throw new IllegalArgumentException(source + ": corrupt or truncated " + format + " data: " + e.getMessage(), e);
    } catch (IOException e) {
      // commons-compress reports bad bzip2 blocks as plain IOExceptions
      throw new IllegalArgumentException(source + ": cannot decompress " + format + " data: " + e.getMessage(), e);
    }
  }
}
