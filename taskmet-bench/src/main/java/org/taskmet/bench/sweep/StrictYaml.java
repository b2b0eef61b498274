package org.taskmet.bench.sweep;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The reader of the files users write by hand (run configs, sweep files; YAML, of which JSON is a subset), strict
 * where YAML is lax: a key written twice is an error (YAML would keep the last value silently), a fractional number
 * is never truncated into an integer field, and a syntax error is one line with where it is.
 */
public final class StrictYaml {
  /** Reads YAML and JSON; rejects duplicate keys and floats for integer fields. */
  public static final ObjectMapper MAPPER = new ObjectMapper(YAMLFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

  /** The same for JSON files, whose syntax YAML's parser would accept more loosely. */
  public static final ObjectMapper JSON_MAPPER = new ObjectMapper()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature())
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

  private StrictYaml() {}

  /** {@link #JSON_MAPPER} for a {@code .json} file, {@link #MAPPER} for any other. */
  public static ObjectMapper forFile(java.nio.file.Path file) {
    return file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json") ? JSON_MAPPER : MAPPER;
  }

  /**
   * A parse error as one line: the parser's first line of message and its line and column, e.g. {@code duplicate
   * key 'seed' (line 3, column 7)}; never the parser's multi-line excerpt or its configuration hints.
   */
  public static String describe(JacksonException e) {
    String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage().strip();
    int newline = message.indexOf('\n');
    if (newline >= 0) {
      message = message.substring(0, newline).strip();
    }
    message = message.replaceAll("\\[Source: [^;\\]]*; ", "["); // "[Source: REDACTED (`…` disabled); line: 2, …]"
    message = message.replaceFirst("^([a-z]+\\.)+[A-Za-z]*(Exception|Error): ", ""); // a wrapped decoder error
    if (message.startsWith("Duplicate field ")) {
      message = "duplicate key " + message.substring("Duplicate field ".length());
    }
    JsonLocation at = e.getLocation();
    if (at != null && at.getLineNr() > 0) {
      message += " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }
    return message;
  }
}
