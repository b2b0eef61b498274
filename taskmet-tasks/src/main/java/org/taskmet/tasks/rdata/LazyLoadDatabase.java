package org.taskmet.tasks.rdata;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * An R lazy-load database, the form in which R packages store their data sets ({@code data/Rdata.rdx} +
 * {@code data/Rdata.rdb}).
 *
 * <p>The index {@code .rdx} is a compressed serialization of a list with elements {@code variables} (a
 * named list: per object an integer pair [offset, length] into the {@code .rdb}), {@code references} and
 * {@code compressed}. Each {@code .rdb} chunk at [offset, offset + length) is a 4-byte big-endian
 * uncompressed length followed by a zlib stream holding one serialization stream. Only zlib chunks
 * ({@code compressed = TRUE}, R's default) are supported; databases whose objects refer to shared
 * environments ({@code references}) are not needed for plain data and are rejected when read.
 */
public final class LazyLoadDatabase {
  private final Path rdb;
  private final Map<String, long[]> index;

  private LazyLoadDatabase(Path rdb, Map<String, long[]> index) {
    this.rdb = rdb;
    this.index = index;
  }

  /**
   * Opens the database whose index is {@code rdx} (the {@code .rdb} beside it holds the data).
   *
   * @throws NoSuchFileException when either file does not exist
   * @throws IllegalArgumentException naming the file when the index is malformed
   */
  public static LazyLoadDatabase open(Path rdx) throws IOException {
    String name = rdx.getFileName().toString();
    if (!name.endsWith(".rdx")) {
      throw new IllegalArgumentException(rdx + ": a lazy-load index must end in .rdx");
    }
    Path rdb = rdx.resolveSibling(name.substring(0, name.length() - 4) + ".rdb");
    if (!Files.exists(rdb)) {
      throw new NoSuchFileException(rdb.toString(), null, "the data file of lazy-load index " + rdx + " is missing");
    }
    byte[] data = RDataFiles.decompress(Files.readAllBytes(rdx), rdx.toString());
    RObject top = RSerialization.parse(data, 0, rdx.toString());
    if (!(top instanceof RObject.GenericVector list) || list.get("variables").isEmpty()) {
      throw new IllegalArgumentException(rdx + ": not a lazy-load index (expected a list with element 'variables')");
    }
    list.get("compressed").ifPresent(c -> {
      boolean zlib = c instanceof RObject.Logicals l && l.values().length == 1 && l.values()[0] == 1;
      if (!zlib) {
        throw new IllegalArgumentException(rdx + ": only zlib-compressed lazy-load databases (compressed = TRUE) "
            + "are supported");
      }
    });
    RObject variables = list.get("variables").get();
    if (!(variables instanceof RObject.GenericVector vars) || vars.names().size() != vars.values().size()) {
      throw new IllegalArgumentException(rdx + ": element 'variables' is not a named list");
    }
    long size = Files.size(rdb);
    Map<String, long[]> index = new LinkedHashMap<>();
    for (int i = 0; i < vars.values().size(); i++) {
      String object = vars.names().get(i);
      long[] pos = pair(vars.values().get(i));
      if (pos == null || pos[0] < 0 || pos[1] < 5 || pos[1] > Integer.MAX_VALUE - 8 || pos[0] > size - pos[1]) {
        throw new IllegalArgumentException(rdx + ": the position of '" + object + "' is not an [offset, length] pair "
            + "inside " + rdb + " (" + size + " bytes)");
      }
      index.put(object, pos);
    }
    return new LazyLoadDatabase(rdb, index);
  }

  private static long[] pair(RObject o) {
    if (o instanceof RObject.Integers i && i.values().length == 2) {
      return new long[] {i.values()[0], i.values()[1]};
    }
    if (o instanceof RObject.Doubles d && d.values().length == 2) {
      return new long[] {(long) d.values()[0], (long) d.values()[1]};
    }
    return null;
  }

  /** The names of the stored objects. */
  public Set<String> names() {
    return index.keySet();
  }

  /**
   * Reads the object {@code name}.
   *
   * @throws IllegalArgumentException naming the database and object when it is absent or malformed
   */
  public RObject read(String name) throws IOException {
    long[] pos = index.get(name);
    if (pos == null) {
      throw new IllegalArgumentException(rdb + ": holds no object '" + name + "'; it has " + index.keySet());
    }
    String source = rdb + " (object '" + name + "')";
    ByteBuffer chunk = ByteBuffer.allocate((int) pos[1]);
    try (FileChannel ch = FileChannel.open(rdb, StandardOpenOption.READ)) {
      while (chunk.hasRemaining()) {
        if (ch.read(chunk, pos[0] + chunk.position()) < 0) {
          throw new IllegalArgumentException(source + ": the file ends inside the object's chunk");
        }
      }
    }
    long declared = Integer.toUnsignedLong(chunk.getInt(0));
    byte[] data = inflate(chunk.array(), 4, chunk.capacity() - 4, declared, source);
    return RSerialization.parse(data, 0, source);
  }

  /**
   * Inflates a zlib stream that should produce exactly {@code declared} bytes. The output buffer grows
   * with the data actually produced, so the declared length cannot make it allocate more than that.
   */
  private static byte[] inflate(byte[] in, int offset, int length, long declared, String source) {
    if (declared > RDataFiles.MAX_DECOMPRESSED_BYTES) {
      throw new IllegalArgumentException(source + ": declares " + declared + " uncompressed bytes, more than the "
          + RDataFiles.MAX_DECOMPRESSED_BYTES + " this reader accepts");
    }
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(in, offset, length);
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream((int) Math.min(declared, 4L * length + 64));
      byte[] buf = new byte[1 << 16];
      while (!inflater.finished()) {
        int n = inflater.inflate(buf);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new IllegalArgumentException(source + ": the zlib stream ends early (truncated chunk)");
        }
        out.write(buf, 0, n);
        if (out.size() > declared) {
          throw new IllegalArgumentException(source + ": inflates to more than the declared " + declared + " bytes");
        }
      }
      if (out.size() != declared) {
        throw new IllegalArgumentException(source + ": inflates to " + out.size() + " bytes, the chunk declares "
            + declared);
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new IllegalArgumentException(source + ": corrupt zlib data: " + e.getMessage(), e);
    } finally {
      inflater.end();
    }
  }
}
