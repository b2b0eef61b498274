package org.taskmet.bench.sweep;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.taskmet.core.io.IoErrors;

/**
 * A sweep file (YAML or JSON): a grid of trial specs of one kind. {@code taskmet sweep plan.yaml} runs one; the
 * suites' profiles are sweep files shipped as resources ({@link SweepProfiles}).
 *
 * <pre>
 * description: TaskMet's CG budget on cubic    # optional, one line
 * kind: decision                               # the trial kind (see 'taskmet sweep --list')
 * seeds: 3                                     # 0, 1, 2 in every seed field of the kind; or a list [0, 7]
 * base: {taskConfig: {}}                       # a partial spec every trial starts from
 * axes:                                        # their cross product, first axis outermost
 *   task: [cubic, budget]                      #   a list: the axis name is a spec path, each value a point
 *   method:                                    #   a map: label → partial spec
 *     MSE: {method: mse}
 *     TaskMet: {method: taskmet, methodConfig: {outerIterations: 40}}
 *   methodConfig.cgIterations: [5, 10, 20]
 * where:                                       # partial specs for the trials that match, in order
 *   - match: {task: budget, method: taskmet}   #   spec paths → values, as written above (not plugin defaults)
 *     set: {methodConfig.innerIterations: 20}
 *   - match: {task: portfolio}                 #   other seeds for the matching grid points (last rule wins)
 *     seeds: 10
 * </pre>
 *
 * Keys with dots are paths into the spec. A trial's labels are its point label on each axis, then {@code seed};
 * tables group the trials that differ only in the seed.
 *
 * @param name the sweep's name (file base name or profile name)
 * @param source where it was read from, for messages
 * @param description one line, may be empty
 * @param kind the trial kind's name
 * @param seeds the seed values, or {@code null} when the file sets none
 * @param base the partial spec every trial starts from
 * @param axes the grid
 * @param where the per-match settings
 */
public record SweepFile(String name, String source, String description, String kind, List<Long> seeds,
    Map<String, Object> base, List<Axis> axes, List<Rule> where) {
  private static final Set<String> KEYS = Set.of("description", "kind", "seeds", "base", "axes", "where");
  /**
   * At most this many trials in one sweep: each is planned in memory and writes its own result file, and a sweep
   * this large takes longer than any campaign the suites run; a larger count is a typo (e.g. an extra digit).
   */
  public static final int MAX_TRIALS = 100_000;

  /** One axis of the grid: a named list of points. */
  public record Axis(String name, List<Point> points) {}

  /** A point on an axis: its label and the partial spec it sets. */
  public record Point(String label, Map<String, Object> partial) {}

  /**
   * {@code set} applies to the trials whose spec has every value of {@code match}; {@code seeds}, when not null,
   * replaces the file's seeds for the grid points that match (matched before the seeds are set).
   */
  public record Rule(Map<String, Object> match, Map<String, Object> set, List<Long> seeds) {}

  /** One expanded trial, before its kind checks it. */
  public record Planned(Map<String, String> labels, Map<String, Object> spec) {}

  /**
   * Reads a sweep file.
   *
   * @throws IllegalArgumentException naming the file and the key that is wrong
   */
  public static SweepFile read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("sweep file " + file + " does not exist");
    }
    String base = file.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
    try {
      return parse(base, file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read sweep file " + IoErrors.describe(e), e);
    }
  }

  /** Parses sweep-file text (YAML, of which JSON is a subset). */
  public static SweepFile parse(String name, String source, String text) {
    JsonNode root;
    try {
      root = StrictYaml.MAPPER.readTree(text);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("sweep file " + source + " is not valid YAML: " + StrictYaml.describe(e), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("sweep file " + source + " must be a map with the keys " + sortedKeys());
    }
    Errors err = new Errors(source);
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw err.at(key, "is not a sweep-file key; accepted: " + sortedKeys());
      }
    }
    JsonNode kind = root.get("kind");
    if (kind == null || !kind.isTextual() || kind.asText().isBlank()) {
      throw err.at("kind", "must name the trial kind, e.g. 'kind: decision'");
    }
    JsonNode description = root.path("description");
    if (!description.isMissingNode() && !description.isTextual()) {
      throw err.at("description", "must be one line of text");
    }
    return new SweepFile(name, source, description.asText(""), kind.asText(), seeds(root.get("seeds"), "seeds", err),
        root.has("base") ? map(root.get("base"), "base", err) : Map.of(), axes(root.get("axes"), err),
        rules(root.get("where"), err));
  }

  /** The same sweep with seeds 0…n−1 for every trial (the rules' own seed counts are dropped). */
  public SweepFile withSeeds(int n) {
    if (n < 1 || n > MAX_TRIALS) {
      throw new IllegalArgumentException("the number of seeds must be in 1.." + MAX_TRIALS + " (at most "
          + MAX_TRIALS + " trials per sweep), got " + n);
    }
    List<Long> s = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      s.add(i);
    }
    List<Rule> rules = where.stream().map(r -> new Rule(r.match(), r.set(), null)).toList();
    return new SweepFile(name, source, description, kind, s, base, axes, rules);
  }

  /**
   * The same sweep with {@code extra} points appended to axis {@code name} (e.g. a plugin's task added to a
   * profile's task axis); {@code where} rules match them like any other point.
   *
   * @throws IllegalArgumentException when the file has no such axis
   */
  public SweepFile withPoints(String name, List<Point> extra) {
    if (axes.stream().noneMatch(a -> a.name().equals(name))) {
      throw new IllegalArgumentException("sweep file " + source + " has no axis '" + name + "'; axes: "
          + String.join(", ", labelNames()));
    }
    List<Axis> out = new ArrayList<>();
    for (Axis a : axes) {
      if (a.name().equals(name)) {
        List<Point> points = new ArrayList<>(a.points());
        points.addAll(extra);
        out.add(new Axis(name, List.copyOf(points)));
      } else {
        out.add(a);
      }
    }
    return new SweepFile(this.name, source, description, kind, seeds, base, List.copyOf(out), where);
  }

  /** The point labels of axis {@code name} (every seed for {@code seed}); empty when there is no such axis. */
  public List<String> labels(String name) {
    if (name.equals(Trial.SEED)) {
      java.util.TreeSet<Long> all = new java.util.TreeSet<>(seeds == null ? List.of() : seeds);
      where.stream().filter(r -> r.seeds() != null).forEach(r -> all.addAll(r.seeds()));
      return all.stream().map(String::valueOf).toList();
    }
    return axes.stream().filter(a -> a.name().equals(name)).findFirst()
        .map(a -> a.points().stream().map(Point::label).toList()).orElse(List.of());
  }

  /** The axis names, in order, then {@code seed} when the file sets seeds. */
  public List<String> labelNames() {
    List<String> out = new ArrayList<>(axes.stream().map(Axis::name).toList());
    if (seeds != null || where.stream().anyMatch(r -> r.seeds() != null)) {
      out.add(Trial.SEED);
    }
    return out;
  }

  /**
   * The trials: the cross product of the axes (first axis outermost) × seeds, each spec built as base, then the
   * axes' points in order, then the seeds in {@code seedFields}, then the matching {@code where} rules.
   */
  public List<Planned> expand(List<String> seedFields) {
    if ((seeds != null || where.stream().anyMatch(r -> r.seeds() != null)) && seedFields.isEmpty()) {
      throw new IllegalArgumentException("sweep file " + source + ": trial kind '" + kind + "' has no seed fields, so "
          + "'seeds' cannot apply; put the seed on an axis instead");
    }
    long count = seeds == null ? 1 : seeds.size();
    for (Axis a : axes) {
      count *= a.points().size(); // each factor <= MAX_TRIALS: no overflow before the check below
      if (count > MAX_TRIALS) {
        throw new IllegalArgumentException("sweep file " + source + " plans more than " + MAX_TRIALS + " trials ("
            + labelNames().stream().map(n -> labels(n).size() + " " + n).collect(java.util.stream.Collectors
            .joining(" x ")) + "); split it into several sweeps");
      }
    }
    List<Planned> out = new ArrayList<>();
    expand(0, new LinkedHashMap<>(), base, seedFields, out);
    return out;
  }

  private void expand(int axis, Map<String, String> labels, Map<String, Object> spec, List<String> seedFields,
      List<Planned> out) {
    if (axis < axes.size()) {
      Axis a = axes.get(axis);
      for (Point p : a.points()) {
        Map<String, String> l = new LinkedHashMap<>(labels);
        l.put(a.name(), p.label());
        expand(axis + 1, l, SpecMaps.merge(spec, p.partial()), seedFields, out);
      }
      return;
    }
    List<Long> pointSeeds = seeds;
    for (Rule r : where) {
      if (r.seeds() != null && matches(r, spec)) {
        pointSeeds = r.seeds();
      }
    }
    for (Long seed : pointSeeds == null ? java.util.Collections.<Long>singletonList(null) : pointSeeds) {
      Map<String, Object> s = SpecMaps.merge(spec, Map.of());
      Map<String, String> l = new LinkedHashMap<>(labels);
      if (seed != null) {
        seedFields.forEach(f -> s.put(f, seed));
        l.put(Trial.SEED, Long.toString(seed));
      }
      Map<String, Object> withRules = s;
      for (Rule r : where) {
        if (matches(r, s)) {
          withRules = SpecMaps.merge(withRules, r.set());
        }
      }
      if (out.size() == MAX_TRIALS) { // the rules' own seeds can add trials the check in expand does not count
        throw new IllegalArgumentException("sweep file " + source + " plans more than " + MAX_TRIALS + " trials; "
            + "split it into several sweeps");
      }
      out.add(new Planned(l, withRules));
    }
  }

  private static boolean matches(Rule r, Map<String, Object> spec) {
    return r.match().entrySet().stream().allMatch(e -> SpecMaps.sameValue(SpecMaps.get(spec, e.getKey()), e.getValue()));
  }

  private static List<Long> seeds(JsonNode node, String key, Errors err) {
    if (node == null) {
      return null;
    }
    List<Long> out = new ArrayList<>();
    if (node.isIntegralNumber()) {
      if (node.asLong() < 1 || node.asLong() > MAX_TRIALS || !node.canConvertToLong()) {
        throw err.at(key, "must be a count in 1.." + MAX_TRIALS + " (at most " + MAX_TRIALS + " trials per "
            + "sweep) or a list of seeds, got " + node);
      }
      for (long i = 0; i < node.asLong(); i++) {
        out.add(i);
      }
      return out;
    }
    if (node.isArray() && !node.isEmpty()) {
      Set<Long> seen = new java.util.HashSet<>();
      for (JsonNode n : node) {
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
          throw err.at(key, "lists integers, got " + n);
        }
        if (!seen.add(n.asLong())) {
          throw err.at(key, "lists seed " + n + " twice");
        }
        out.add(n.asLong());
      }
      return out;
    }
    throw err.at(key, "must be a count >= 1 or a non-empty list of seeds, got " + node);
  }

  private static List<Axis> axes(JsonNode node, Errors err) {
    if (node == null) {
      return List.of();
    }
    if (!node.isObject()) {
      throw err.at("axes", "must map axis names to lists of values or to maps of label → partial spec");
    }
    List<Axis> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String where = "axes." + e.getKey();
      if (e.getKey().equals(Trial.SEED)) {
        throw err.at(where, "'seed' is the label of the 'seeds' key; name the axis by its spec path or another name");
      }
      List<Point> points = new ArrayList<>();
      if (e.getValue().isArray()) {
        for (JsonNode v : e.getValue()) {
          Map<String, Object> partial = new LinkedHashMap<>();
          SpecMaps.set(partial, e.getKey(), SpecMaps.JSON.convertValue(v, Object.class));
          points.add(new Point(v.isValueNode() ? v.asText() : v.toString(), partial));
        }
      } else if (e.getValue().isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> p = e.getValue().fields(); p.hasNext(); ) {
          Map.Entry<String, JsonNode> point = p.next();
          points.add(new Point(point.getKey(), map(point.getValue(), where + "." + point.getKey(), err)));
        }
      } else {
        throw err.at(where, "must be a list of values or a map of label → partial spec, got " + e.getValue());
      }
      if (points.isEmpty()) {
        throw err.at(where, "has no points");
      }
      if (points.stream().map(Point::label).distinct().count() < points.size()) {
        throw err.at(where, "has two points with the same label");
      }
      out.add(new Axis(e.getKey(), points));
    }
    return out;
  }

  private static List<Rule> rules(JsonNode node, Errors err) {
    if (node == null) {
      return List.of();
    }
    if (!node.isArray()) {
      throw err.at("where", "must be a list of {match: {...}, set: {...}} or {match: {...}, seeds: N}");
    }
    List<Rule> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode r = node.get(i);
      String at = "where[" + i + "]";
      boolean known = r.isObject() && r.has("match") && (r.has("set") || r.has("seeds"))
          && r.size() == 1 + (r.has("set") ? 1 : 0) + (r.has("seeds") ? 1 : 0);
      if (!known) {
        throw err.at(at, "must have the key 'match' and 'set', 'seeds' or both");
      }
      out.add(new Rule(map(r.get("match"), at + ".match", err),
          r.has("set") ? map(r.get("set"), at + ".set", err) : Map.of(), seeds(r.get("seeds"), at + ".seeds", err)));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(JsonNode node, String at, Errors err) {
    if (node == null || !node.isObject()) {
      throw err.at(at, "must be a map of spec fields, got " + node);
    }
    return SpecMaps.JSON.convertValue(node, LinkedHashMap.class);
  }

  private static String sortedKeys() {
    return String.join(", ", KEYS.stream().sorted().toList());
  }

  private record Errors(String source) {
    IllegalArgumentException at(String key, String problem) {
      return new IllegalArgumentException("sweep file " + source + ": '" + key + "' " + problem);
    }
  }
}
