package org.taskmet.tasks.rdata;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/**
 * Writes R XDR serialization streams and the files built on them (.rda, lazy-load databases), for tests:
 * small files in the exact formats R writes, so the readers are tested without R and without committed
 * binary files. Symbols are written once and then as back-references, as R does.
 */
public final class RStreamWriter {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final DataOutputStream out = new DataOutputStream(bytes);
  private final List<String> symbols = new ArrayList<>();

  /** A stream with the version-3 header (R ≥ 3.5 writes these). */
  public static RStreamWriter version3() {
    RStreamWriter w = new RStreamWriter();
    w.raw("X\n".getBytes(StandardCharsets.US_ASCII));
    w.integer(3);
    w.integer(0x040101);
    w.integer(0x030500);
    w.integer(5);
    w.raw("UTF-8".getBytes(StandardCharsets.US_ASCII));
    return w;
  }

  /** A stream with the version-2 header (huge's stockdata.rda is one). */
  public static RStreamWriter version2() {
    RStreamWriter w = new RStreamWriter();
    w.raw("X\n".getBytes(StandardCharsets.US_ASCII));
    w.integer(2);
    w.integer(0x020e01);
    w.integer(0x020300);
    return w;
  }

  public byte[] bytes() {
    return bytes.toByteArray();
  }

  public RStreamWriter raw(byte[] b) {
    try {
      out.write(b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public RStreamWriter integer(int v) {
    try {
      out.writeInt(v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  private RStreamWriter real(double v) {
    try {
      out.writeDouble(v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  private static int flags(int type, boolean attr, boolean tag) {
    return type | (attr ? 1 << 9 : 0) | (tag ? 1 << 10 : 0);
  }

  public RStreamWriter nil() {
    return integer(254);
  }

  public RStreamWriter doubles(double[] v, Map<String, Runnable> attributes) {
    integer(flags(14, !attributes.isEmpty(), false)).integer(v.length);
    for (double d : v) {
      real(d);
    }
    return attributes(attributes);
  }

  public RStreamWriter integers(int[] v, Map<String, Runnable> attributes) {
    integer(flags(13, !attributes.isEmpty(), false)).integer(v.length);
    for (int i : v) {
      integer(i);
    }
    return attributes(attributes);
  }

  public RStreamWriter logicals(int[] v) {
    integer(10).integer(v.length);
    for (int i : v) {
      integer(i);
    }
    return this;
  }

  /** A character vector; null elements are NA. */
  public RStreamWriter strings(String[] v, Map<String, Runnable> attributes) {
    integer(flags(16, !attributes.isEmpty(), false)).integer(v.length);
    for (String s : v) {
      charsxp(s);
    }
    return attributes(attributes);
  }

  private void charsxp(String s) {
    if (s == null) {
      integer(9).integer(-1);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    integer(9 | (1 << 3) << 12).integer(b.length).raw(b); // UTF-8 flag in the levels
  }

  /** A list (VECSXP) whose elements are written by {@code elements}, with a names attribute. */
  public RStreamWriter namedList(Map<String, Runnable> elements, Map<String, Runnable> extraAttributes) {
    Map<String, Runnable> attrs = new LinkedHashMap<>();
    String[] names = elements.keySet().toArray(String[]::new);
    attrs.put("names", () -> strings(names, Map.of()));
    attrs.putAll(extraAttributes);
    integer(flags(19, true, false)).integer(elements.size());
    elements.values().forEach(Runnable::run);
    return attributes(attrs);
  }

  /** A tagged pairlist: the top level of an .rda file, or attributes. */
  public RStreamWriter pairList(Map<String, Runnable> cells) {
    for (Map.Entry<String, Runnable> c : cells.entrySet()) {
      integer(flags(2, false, true));
      symbol(c.getKey());
      c.getValue().run();
    }
    return nil();
  }

  public RStreamWriter symbol(String name) {
    int ref = symbols.indexOf(name);
    if (ref >= 0) {
      return integer(255 | ((ref + 1) << 8));
    }
    symbols.add(name);
    integer(1);
    charsxp(name);
    return this;
  }

  /** ALTREP compact_intseq first, first+1, …, first+n−1 (how R stores 1:n). */
  public RStreamWriter compactIntSeq(int n, int first) {
    integer(238);
    // info: the untagged pairlist (class symbol, package symbol, base type)
    integer(2);
    symbol("compact_intseq");
    integer(2);
    symbol("base");
    integer(2);
    integers(new int[] {13}, Map.of());
    nil();
    // state: (length, first, step) as doubles; then no attributes
    doubles(new double[] {n, first, 1}, Map.of());
    return nil();
  }

  private RStreamWriter attributes(Map<String, Runnable> attributes) {
    if (!attributes.isEmpty()) {
      pairList(attributes);
    }
    return this;
  }

  /** An .rda file: "RDX3\n" + the stream, compressed with bzip2 or gzip (or neither). */
  public static Path writeRda(Path file, byte[] stream, String compression) throws IOException {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    // bytes 2..5 of the stream are its version
    content.write((stream.length > 5 && stream[5] == 2 ? "RDX2\n" : "RDX3\n").getBytes(StandardCharsets.US_ASCII));
    content.write(stream);
    try (OutputStream os = compressor(Files.newOutputStream(file), compression)) {
      os.write(content.toByteArray());
    }
    return file;
  }

  private static OutputStream compressor(OutputStream os, String compression) throws IOException {
    return switch (compression) {
      case "bzip2" -> new BZip2CompressorOutputStream(os);
      case "gzip" -> new GZIPOutputStream(os);
      default -> os;
    };
  }

  /**
   * A lazy-load database {@code <base>.rdx}/{@code <base>.rdb} holding the given serialization streams
   * by name, in R's layout; returns the .rdx path.
   */
  public static Path writeLazyLoadDatabase(Path dir, String base, Map<String, byte[]> objects) throws IOException {
    ByteArrayOutputStream rdb = new ByteArrayOutputStream();
    Map<String, Runnable> variables = new LinkedHashMap<>();
    RStreamWriter index = version3();
    for (Map.Entry<String, byte[]> o : objects.entrySet()) {
      byte[] chunk = zlibChunk(o.getValue());
      int offset = rdb.size();
      rdb.write(chunk);
      variables.put(o.getKey(), () -> index.integers(new int[] {offset, chunk.length}, Map.of()));
    }
    Map<String, Runnable> top = new LinkedHashMap<>();
    top.put("variables", () -> index.namedList(variables, Map.of()));
    top.put("references", () -> index.namedList(new LinkedHashMap<>(), Map.of()));
    top.put("compressed", () -> index.logicals(new int[] {1}));
    index.namedList(top, Map.of());
    Files.write(dir.resolve(base + ".rdb"), rdb.toByteArray());
    Path rdx = dir.resolve(base + ".rdx");
    try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(rdx))) {
      os.write(index.bytes());
    }
    return rdx;
  }

  /** A lazy-load chunk: 4-byte big-endian uncompressed length, then the zlib stream. */
  public static byte[] zlibChunk(byte[] stream) throws IOException {
    ByteArrayOutputStream chunk = new ByteArrayOutputStream();
    new DataOutputStream(chunk).writeInt(stream.length);
    try (DeflaterOutputStream z = new DeflaterOutputStream(chunk)) {
      z.write(stream);
    }
    return chunk.toByteArray();
  }
}
