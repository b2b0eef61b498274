package org.taskmet.bench.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Specs as plain JSON data (maps, lists, strings, numbers): typed ⇄ untyped, the canonical form that is hashed,
 * deep merges of partial specs and dotted paths ({@code methodConfig.cgIterations}).
 */
public final class SpecMaps {
  /**
   * Strict where it matters: an unknown field or a fraction for an integer is an error naming the field. A number
   * the spec leaves out is 0 (a decision trial without seeds runs seed 0, as {@code taskmet run} does).
   */
  static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private SpecMaps() {}

  /** {@code value} as nested maps with sorted keys (records and maps become maps; lists stay lists). */
  public static Map<String, Object> toMap(Object value) {
    @SuppressWarnings("unchecked")
    Map<String, Object> m = JSON.convertValue(value, LinkedHashMap.class);
    return sorted(m);
  }

  /**
   * {@code map} as a {@code type}.
   *
   * @param what names the thing for messages, e.g. "decision trial spec"
   * @throws IllegalArgumentException naming the field and what it accepts
   */
  public static <T> T convert(Map<String, Object> map, Class<T> type, String what) {
    try {
      return JSON.convertValue(map, type);
    } catch (IllegalArgumentException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UnrecognizedPropertyException u) {
        String accepted = u.getKnownPropertyIds().stream().map(Object::toString).sorted()
            .collect(Collectors.joining(", "));
        throw new IllegalArgumentException("unknown field '" + path(u) + "' of a " + what + "; accepted: " + accepted,
            e);
      }
      if (cause instanceof JsonMappingException m) {
        throw new IllegalArgumentException("field '" + path(m) + "' of a " + what + ": " + m.getOriginalMessage(), e);
      }
      throw new IllegalArgumentException("invalid " + what + ": " + e.getMessage(), e);
    }
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."));
  }

  /** One line of JSON with sorted keys: equal specs give equal text. */
  public static String canonicalJson(Object value) {
    try {
      return JSON.writeValueAsString(value instanceof Map<?, ?> || value instanceof List<?> ? value : toMap(value));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The first 8 hex digits of SHA-256 over the kind and the canonical spec: the config hash of a trial id. */
  public static String hash(String kind, Map<String, Object> canonicalSpec) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256")
          .digest((kind + "\n" + canonicalJson(canonicalSpec)).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /**
   * {@code overlay} merged into a copy of {@code base}: maps merge key by key, anything else replaces. Keys with
   * dots are paths ({@code a.b: 1} is {@code a: {b: 1}}).
   */
  public static Map<String, Object> merge(Map<String, Object> base, Map<String, ?> overlay) {
    Map<String, Object> out = deepCopy(base);
    overlay.forEach((k, v) -> set(out, k, v));
    return out;
  }

  /** Sets the value at a dotted path, merging when both the old and the new value are maps. */
  @SuppressWarnings("unchecked")
  public static void set(Map<String, Object> map, String path, Object value) {
    int dot = path.indexOf('.');
    if (dot >= 0) {
      String head = path.substring(0, dot);
      Object child = map.get(head);
      Map<String, Object> next = child instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
      map.put(head, next);
      set(next, path.substring(dot + 1), value);
      return;
    }
    if (value instanceof Map<?, ?> overlay && map.get(path) instanceof Map<?, ?> existing) {
      map.put(path, merge((Map<String, Object>) existing, (Map<String, Object>) overlay));
    } else {
      map.put(path, deepCopyValue(value));
    }
  }

  /** The value at a dotted path, or {@code null}. */
  public static Object get(Map<String, Object> map, String path) {
    Object cur = map;
    for (String part : path.split("\\.")) {
      if (!(cur instanceof Map<?, ?> m)) {
        return null;
      }
      cur = m.get(part);
    }
    return cur;
  }

  /** True when both are the same JSON value; numbers compare by value ({@code 10} equals {@code 10.0}). */
  public static boolean sameValue(Object a, Object b) {
    JsonNode x = JSON.valueToTree(a);
    JsonNode y = JSON.valueToTree(b);
    return x.equals((p, q) -> p.isNumber() && q.isNumber()
        ? p.decimalValue().compareTo(q.decimalValue()) : p.equals(q) ? 0 : 1, y);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> sorted(Map<String, Object> m) {
    Map<String, Object> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> child ? sorted((Map<String, Object>) child)
        : v instanceof List<?> l ? l.stream().map(e -> e instanceof Map<?, ?> c ? sorted((Map<String, Object>) c) : e)
            .collect(Collectors.toList()) : v));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepCopy(Map<String, Object> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, deepCopyValue(v)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object deepCopyValue(Object v) {
    if (v instanceof Map<?, ?> m) {
      return deepCopy((Map<String, Object>) m);
    }
    if (v instanceof List<?> l) {
      return l.stream().map(SpecMaps::deepCopyValue).collect(Collectors.toList());
    }
    return v;
  }
}
