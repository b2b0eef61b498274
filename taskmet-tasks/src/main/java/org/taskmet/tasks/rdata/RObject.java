package org.taskmet.tasks.rdata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A value read from an R serialization stream: the plain-data subset (vectors, pairlists, symbols, NULL)
 * with their attributes ({@code names}, {@code dim}, {@code dimnames}, {@code class}, {@code levels}, …).
 */
public sealed interface RObject {
  /** The attributes in stream order (empty for NULL and symbols). */
  Map<String, RObject> attributes();

  /** The attribute {@code name}, if present. */
  default Optional<RObject> attribute(String name) {
    return Optional.ofNullable(attributes().get(name));
  }

  /** The {@code names} attribute, or an empty list. */
  default List<String> names() {
    return attribute("names").filter(Strings.class::isInstance)
        .map(a -> Arrays.asList(((Strings) a).values())).orElse(List.of());
  }

  /** The {@code dim} attribute, or null when there is none. */
  default int[] dim() {
    return attribute("dim").filter(Integers.class::isInstance).map(a -> ((Integers) a).values().clone()).orElse(null);
  }

  /** R's {@code NULL}. */
  record Null() implements RObject {
    public static final Null INSTANCE = new Null();

    @Override
    public Map<String, RObject> attributes() {
      return Map.of();
    }
  }

  /** A symbol (the tags of pairlists and attribute names are symbols). */
  record Symbol(String name) implements RObject {
    @Override
    public Map<String, RObject> attributes() {
      return Map.of();
    }
  }

  /** A double vector ({@code REALSXP}); R's {@code NA_real_} is a NaN. */
  record Doubles(double[] values, Map<String, RObject> attributes) implements RObject {}

  /** An integer vector ({@code INTSXP}); R's {@code NA_integer_} is {@link #NA}. */
  record Integers(int[] values, Map<String, RObject> attributes) implements RObject {
    /** R's integer NA. */
    public static final int NA = Integer.MIN_VALUE;
  }

  /** A logical vector ({@code LGLSXP}): 0 = FALSE, 1 = TRUE, {@link Integers#NA} = NA. */
  record Logicals(int[] values, Map<String, RObject> attributes) implements RObject {}

  /** A character vector ({@code STRSXP}); NA strings are null. */
  record Strings(String[] values, Map<String, RObject> attributes) implements RObject {}

  /** A generic vector ({@code VECSXP}, R's {@code list}); data frames are lists of columns. */
  record GenericVector(List<RObject> values, Map<String, RObject> attributes) implements RObject {
    /** The element named {@code name} (by the {@code names} attribute). */
    public Optional<RObject> get(String name) {
      int i = names().indexOf(name);
      return i < 0 ? Optional.empty() : Optional.of(values.get(i));
    }
  }

  /**
   * A pairlist ({@code LISTSXP}): the top level of an {@code .rda} file is one, its tags naming the
   * saved objects. Untagged cells have a null tag.
   */
  record PairList(List<String> tags, List<RObject> values, Map<String, RObject> attributes) implements RObject {
    /** The tagged cells as an ordered map (a later duplicate tag wins, as in R's {@code load}). */
    public Map<String, RObject> asMap() {
      Map<String, RObject> out = new LinkedHashMap<>();
      for (int i = 0; i < values.size(); i++) {
        if (tags.get(i) != null) {
          out.put(tags.get(i), values.get(i));
        }
      }
      return out;
    }

    static PairList of(List<String> tags, List<RObject> values) {
      return new PairList(new ArrayList<>(tags), new ArrayList<>(values), Map.of());
    }
  }
}
