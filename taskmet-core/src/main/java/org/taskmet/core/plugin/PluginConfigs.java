package org.taskmet.core.plugin;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.taskmet.api.PluginProvider;

/**
 * Turns plugin config records into plain maps and back, so a run can be written to a result file and
 * rebuilt from it, and so users can override single fields from a config file or the command line.
 *
 * <p>Errors name the plugin, the field and what was expected: an unknown key lists the accepted keys, a
 * value of the wrong type names the expected type.
 */
public final class PluginConfigs {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private PluginConfigs() {}

  /** The record's fields as an ordered map (nested records become maps). */
  public static Map<String, Object> toMap(Record config) {
    @SuppressWarnings("unchecked")
    Map<String, Object> m = MAPPER.convertValue(config, LinkedHashMap.class);
    return m;
  }

  /**
   * The config of {@code provider}: its defaults with {@code overrides} applied field by field. A dotted key sets
   * one field of a nested map or record, keeping its other fields: {@code metricConfig.rank = 4} changes only
   * {@code rank} inside {@code metricConfig}.
   */
  public static <C extends Record> C withOverrides(PluginProvider<?, C> provider, Map<String, ?> overrides) {
    Map<String, Object> merged = toMap(provider.defaultConfig());
    overrides.forEach((key, value) -> put(merged, key, value));
    return fromMap(provider, merged);
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> target, String key, Object value) {
    int dot = key.indexOf('.');
    if (dot < 0) {
      Object old = target.get(key);
      if (old instanceof Map<?, ?> oldMap && value instanceof Map<?, ?> newMap) {
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) oldMap);
        newMap.forEach((k, v) -> put(copy, String.valueOf(k), v)); // a nested map merges into the defaults too
        target.put(key, copy);
      } else {
        target.put(key, value);
      }
      return;
    }
    String head = key.substring(0, dot);
    Object inner = target.get(head);
    Map<String, Object> nested = inner instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m)
        : new LinkedHashMap<>();
    put(nested, key.substring(dot + 1), value);
    target.put(head, nested);
  }

  /** Builds the config record of {@code provider} from a complete map (e.g. read back from a result file). */
  public static <C extends Record> C fromMap(PluginProvider<?, C> provider, Map<String, ?> values) {
    String who = provider.kind().label() + " '" + provider.name() + "'";
    try {
      return MAPPER.convertValue(values, provider.configType());
    } catch (IllegalArgumentException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UnrecognizedPropertyException u) {
        List<String> accepted = u.getKnownPropertyIds().stream().map(Object::toString).sorted()
            .collect(Collectors.toList());
        throw new IllegalArgumentException("unknown config key '" + u.getPropertyName() + "' for " + who
            + "; accepted: " + String.join(", ", accepted), e);
      }
      if (cause instanceof MismatchedInputException m) {
        throw new IllegalArgumentException("config key '" + path(m) + "' of " + who + " " + expectation(m), e);
      }
      throw new IllegalArgumentException("invalid config for " + who + ": " + e.getMessage(), e);
    }
  }

  /**
   * A value of the wrong type as a user reads it, without Jackson's hints: {@code 'seed' expects an integer, got
   * 1.5}, {@code 'items' expects an integer, got an empty value}, {@code 'k' expects an integer, got a list}.
   */
  public static String mismatch(MismatchedInputException m) {
    return "'" + path(m) + "' " + expectation(m);
  }

  private static String expectation(MismatchedInputException m) {
    return "expects " + typeName(m.getTargetType()) + ", got " + found(m);
  }

  private static String found(MismatchedInputException m) {
    if (m instanceof InvalidFormatException f) {
      return f.getValue() instanceof String text ? quoted(text) : String.valueOf(f.getValue());
    }
    JsonToken token = m.getProcessor() instanceof JsonParser p ? p.currentToken() : null;
    if (token == null) {
      return "a value of another type";
    }
    switch (token) {
      case VALUE_NULL:
        return "an empty value";
      case START_ARRAY:
      case END_ARRAY:
        return "a list";
      case START_OBJECT:
      case END_OBJECT:
      case FIELD_NAME:
        return "a map";
      case VALUE_STRING:
        return quoted(text((JsonParser) m.getProcessor()));
      default:
        return text((JsonParser) m.getProcessor());
    }
  }

  /** YAML reads {@code key:} with nothing after it as an empty string. */
  private static String quoted(String text) {
    return text.isBlank() ? "an empty value" : "'" + text + "'";
  }

  private static String text(JsonParser p) {
    try {
      return p.getText();
    } catch (java.io.IOException e) {
      return "a value of another type";
    }
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."));
  }

  private static String typeName(Class<?> t) {
    if (t == null) {
      return "another type";
    }
    if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
      return "an integer";
    }
    if (t == double.class || t == Double.class || t == float.class || t == Float.class) {
      return "a number";
    }
    if (t == boolean.class || t == Boolean.class) {
      return "true or false";
    }
    if (t == String.class) {
      return "a string";
    }
    if (t.isEnum()) {
      return "one of " + java.util.Arrays.toString(t.getEnumConstants());
    }
    return "a " + t.getSimpleName();
  }
}
