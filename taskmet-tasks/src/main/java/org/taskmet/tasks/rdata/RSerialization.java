package org.taskmet.tasks.rdata;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one R serialization stream in XDR (big-endian binary) format, versions 2 and 3, as written by
 * {@code save}, {@code saveRDS} and lazy-load databases: {@code "X\n"}, int32 version, int32 writer R
 * version, int32 minimal reader version, for version 3 the native encoding name, then one object.
 *
 * <p>Each object starts with an int32 {@code flags}: type = flags &amp; 0xFF, bit 9 = has attributes,
 * bit 10 = has tag, bits 12+ = the "levels" (for strings: the encoding). Supported types: NULL, the
 * well-known environments (read as NULL), back-references, symbols, pairlists, character/logical/
 * integer/double/list/expression vectors and the ALTREP classes {@code compact_intseq},
 * {@code compact_realseq} and {@code wrap_*}. Anything else is an error naming the source, the type and
 * the byte offset.
 *
 * <p>Bounded allocation: before an array is allocated its length is checked against the bytes left in
 * the stream (each element needs at least 4 bytes), so the reader never allocates more than the input
 * holds. Pairlists are read iteratively, so a long pairlist cannot overflow the stack; nesting deeper
 * than {@value #MAX_DEPTH} levels is rejected.
 */
public final class RSerialization {
  private static final int NILVALUE = 254;
  private static final int EMPTYENV = 242;
  private static final int BASEENV = 241;
  private static final int GLOBALENV = 253;
  private static final int BASENAMESPACE = 247;
  private static final int REFSXP = 255;
  private static final int ALTREP = 238;
  private static final int SYMSXP = 1;
  private static final int LISTSXP = 2;
  private static final int CHARSXP = 9;
  private static final int LGLSXP = 10;
  private static final int INTSXP = 13;
  private static final int REALSXP = 14;
  private static final int STRSXP = 16;
  private static final int VECSXP = 19;
  private static final int EXPRSXP = 20;
  private static final int HAS_ATTR = 1 << 9;
  private static final int HAS_TAG = 1 << 10;
  private static final int LATIN1 = 1 << 2;
  private static final int MAX_DEPTH = 1000;

  private final ByteBuffer in;
  private final String source;
  private final List<RObject> references = new ArrayList<>();
  private int depth;

  private RSerialization(ByteBuffer in, String source) {
    this.in = in;
    this.source = source;
  }

  /**
   * Parses the stream in {@code data[offset ..]}.
   *
   * @param source names the input in error messages (e.g. the file and the object)
   * @throws IllegalArgumentException naming {@code source} when the stream is malformed or uses an
   *     unsupported feature
   */
  public static RObject parse(byte[] data, int offset, String source) {
    ByteBuffer buffer = ByteBuffer.wrap(data, offset, data.length - offset).slice();
    RSerialization reader = new RSerialization(buffer, source);
    try {
      reader.header();
      return reader.item();
    } catch (java.nio.BufferUnderflowException | BufferOverflowException e) {
      throw reader.error("the stream ends early (truncated file?)");
    }
  }

  private void header() {
    if (in.remaining() < 2 || in.get() != 'X' || in.get() != '\n') {
      in.position(0);
      String start = in.remaining() >= 2 ? "'" + (char) in.get(0) + (char) in.get(1) + "'" : "too short";
      throw error("not an R XDR serialization stream (starts with " + printable(start)
          + ", expected 'X\\n'; only the binary XDR format is supported)");
    }
    int version = in.getInt();
    in.getInt(); // the writer's R version
    in.getInt(); // the minimal R version that can read it
    if (version == 3) {
      int n = in.getInt();
      checkLength(n, 1, "native encoding name");
      in.position(in.position() + n);
    } else if (version != 2) {
      throw error("serialization format version " + version + " is not supported (expected 2 or 3)");
    }
  }

  private RObject item() {
    if (++depth > MAX_DEPTH) {
      throw error("objects are nested more than " + MAX_DEPTH + " levels deep");
    }
    try {
      return itemAt(in.getInt());
    } finally {
      depth--;
    }
  }

  private RObject itemAt(int flags) {
    int type = flags & 0xFF;
    boolean hasAttr = (flags & HAS_ATTR) != 0;
    switch (type) {
      case NILVALUE, EMPTYENV, BASEENV, GLOBALENV, BASENAMESPACE:
        return RObject.Null.INSTANCE;
      case REFSXP: {
        int index = flags >>> 8;
        if (index == 0) {
          index = in.getInt();
        }
        if (index < 1 || index > references.size()) {
          throw error("back-reference " + index + " points outside the " + references.size() + " earlier symbols");
        }
        return references.get(index - 1);
      }
      case SYMSXP: {
        String name = charsxp(in.getInt());
        RObject.Symbol s = new RObject.Symbol(name == null ? "NA" : name);
        references.add(s);
        return s;
      }
      case LISTSXP:
        return pairList(flags);
      case CHARSXP:
        return new RObject.Strings(new String[] {charsxp(flags)}, Map.of());
      case LGLSXP: {
        int[] v = ints(length("logical"));
        return new RObject.Logicals(v, attributes(hasAttr));
      }
      case INTSXP: {
        int[] v = ints(length("integer"));
        return new RObject.Integers(v, attributes(hasAttr));
      }
      case REALSXP: {
        int n = length("double");
        checkLength(n, 8, "double vector");
        double[] v = new double[n];
        in.asDoubleBuffer().get(v);
        in.position(in.position() + 8 * n);
        return new RObject.Doubles(v, attributes(hasAttr));
      }
      case STRSXP: {
        int n = length("character");
        // every element is at least a flags word and a length word
        checkLength(n, 8, "character vector");
        String[] v = new String[n];
        for (int i = 0; i < n; i++) {
          int f = in.getInt();
          if ((f & 0xFF) != CHARSXP) {
            throw error("element " + (i + 1) + " of a character vector has type " + (f & 0xFF) + ", expected a string");
          }
          v[i] = charsxp(f);
        }
        return new RObject.Strings(v, attributes(hasAttr));
      }
      case VECSXP, EXPRSXP: {
        int n = length("list");
        checkLength(n, 4, "list");
        List<RObject> v = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          v.add(item());
        }
        return new RObject.GenericVector(Collections.unmodifiableList(v), attributes(hasAttr));
      }
      case ALTREP:
        return altrep();
      default:
        throw error("R object type " + type + " (" + typeName(type) + ") is not supported; this reader handles "
            + "plain data (vectors, lists, pairlists, symbols)");
    }
  }

  /** A pairlist, read cell by cell: [attributes] [tag] value, then the next cell's flags. */
  private RObject pairList(int firstFlags) {
    List<String> tags = new ArrayList<>();
    List<RObject> values = new ArrayList<>();
    Map<String, RObject> attributes = Map.of();
    int flags = firstFlags;
    while (true) {
      Map<String, RObject> cellAttributes = attributes((flags & HAS_ATTR) != 0);
      if (values.isEmpty()) {
        attributes = cellAttributes;
      }
      String tag = null;
      if ((flags & HAS_TAG) != 0) {
        RObject t = item();
        if (!(t instanceof RObject.Symbol s)) {
          throw error("a pairlist tag is not a symbol");
        }
        tag = s.name();
      }
      tags.add(tag);
      values.add(item());
      flags = in.getInt();
      int type = flags & 0xFF;
      if (type == NILVALUE) {
        return new RObject.PairList(Collections.unmodifiableList(tags), Collections.unmodifiableList(values),
            attributes);
      }
      if (type != LISTSXP) {
        throw error("a pairlist ends in an object of type " + type + " instead of NULL (dotted pairs are not supported)");
      }
    }
  }

  private Map<String, RObject> attributes(boolean present) {
    if (!present) {
      return Map.of();
    }
    RObject a = item();
    if (!(a instanceof RObject.PairList p)) {
      throw error("attributes are not a pairlist");
    }
    return Collections.unmodifiableMap(new LinkedHashMap<>(p.asMap()));
  }

  /**
   * ALTREP: class info (a pairlist whose first element is the class symbol), state, attributes. Only the
   * forms whose state holds the data, or a closed-form description of it, are supported.
   */
  private RObject altrep() {
    RObject info = item();
    RObject state = item();
    RObject attr = item();
    Map<String, RObject> attributes = attr instanceof RObject.PairList p
        ? Collections.unmodifiableMap(new LinkedHashMap<>(p.asMap())) : Map.of();
    String cls = info instanceof RObject.PairList p && !p.values().isEmpty()
        && p.values().get(0) instanceof RObject.Symbol s ? s.name() : "?";
    switch (cls) {
      case "compact_intseq", "compact_realseq" -> {
        if (!(state instanceof RObject.Doubles d) || d.values().length != 3) {
          throw error("ALTREP " + cls + " state is not (length, first, step)");
        }
        double len = d.values()[0];
        if (!(len >= 0 && len <= MAX_GENERATED)) {
          throw error("ALTREP " + cls + " length " + len + " is outside [0, " + MAX_GENERATED + "]");
        }
        int n = (int) len;
        double first = d.values()[1];
        double step = d.values()[2];
        if (cls.equals("compact_intseq")) {
          int[] v = new int[n];
          for (int i = 0; i < n; i++) {
            v[i] = (int) (first + i * step);
          }
          return new RObject.Integers(v, attributes);
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
          v[i] = first + i * step;
        }
        return new RObject.Doubles(v, attributes);
      }
      case "wrap_integer", "wrap_real", "wrap_logical", "wrap_string", "wrap_list", "wrap_raw", "wrap_complex" -> {
        if (!(state instanceof RObject.GenericVector g) || g.values().isEmpty()) {
          throw error("ALTREP " + cls + " state is not list(data, metadata)");
        }
        return withAttributes(g.values().get(0), attributes);
      }
      default -> throw error("ALTREP class '" + cls + "' is not supported (supported: compact_intseq, "
          + "compact_realseq, wrap_*)");
    }
  }

  /**
   * Largest compact sequence expanded: 2^24 values (128 MiB of doubles). A compact sequence is the one
   * form whose data are described rather than stored, so its length cannot be checked against the input.
   */
  private static final double MAX_GENERATED = 1 << 24;

  private static RObject withAttributes(RObject o, Map<String, RObject> attributes) {
    if (attributes.isEmpty()) {
      return o;
    }
    Map<String, RObject> merged = new LinkedHashMap<>(o.attributes());
    merged.putAll(attributes);
    Map<String, RObject> a = Collections.unmodifiableMap(merged);
    if (o instanceof RObject.Doubles d) {
      return new RObject.Doubles(d.values(), a);
    } else if (o instanceof RObject.Integers i) {
      return new RObject.Integers(i.values(), a);
    } else if (o instanceof RObject.Logicals l) {
      return new RObject.Logicals(l.values(), a);
    } else if (o instanceof RObject.Strings s) {
      return new RObject.Strings(s.values(), a);
    } else if (o instanceof RObject.GenericVector g) {
      return new RObject.GenericVector(g.values(), a);
    }
    return o;
  }

  /** The string of a CHARSXP whose flags were just read: int32 length (−1 = NA), then the bytes. */
  private String charsxp(int flags) {
    if ((flags & 0xFF) != CHARSXP) {
      throw error("expected a string (type 9), found type " + (flags & 0xFF));
    }
    int n = in.getInt();
    if (n == -1) {
      return null;
    }
    checkLength(n, 1, "string");
    Charset cs = ((flags >>> 12) & LATIN1) != 0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
    String s = new String(in.array(), in.arrayOffset() + in.position(), n, cs);
    in.position(in.position() + n);
    return s;
  }

  private int length(String what) {
    int n = in.getInt();
    if (n == -1) {
      throw error("a " + what + " vector longer than 2^31 − 1 elements is not supported");
    }
    if (n < 0) {
      throw error("a " + what + " vector has negative length " + n);
    }
    return n;
  }

  private int[] ints(int n) {
    checkLength(n, 4, "integer/logical vector");
    int[] v = new int[n];
    in.asIntBuffer().get(v);
    in.position(in.position() + 4 * n);
    return v;
  }

  /** Throws unless {@code n} elements of at least {@code bytesEach} bytes fit in what is left. */
  private void checkLength(int n, int bytesEach, String what) {
    if (n < 0 || (long) n * bytesEach > in.remaining()) {
      throw error("a " + what + " of " + n + " elements needs at least " + (long) n * bytesEach + " bytes, but only "
          + in.remaining() + " remain (corrupt or truncated file)");
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(source + ": " + what + " (at byte " + in.position() + " of the stream)");
  }

  private static String printable(String s) {
    return s.replace("\n", "\\n").replaceAll("[^\\x20-\\x7e]", "?");
  }

  private static String typeName(int type) {
    return switch (type) {
      case 3 -> "closure";
      case 4 -> "environment";
      case 5 -> "promise";
      case 6 -> "language";
      case 7 -> "special";
      case 8 -> "builtin";
      case 15 -> "complex";
      case 17 -> "dots";
      case 21 -> "byte code";
      case 22 -> "external pointer";
      case 23 -> "weak reference";
      case 24 -> "raw";
      case 25 -> "S4 object";
      default -> "unknown";
    };
  }
}
