package org.taskmet.bench.sweep;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sweep files shipped as resources: the suites' profiles ({@code reproduce --profile paper}) and any a plugin
 * jar brings. A jar lists its sweep files in {@value #INDEX}, one resource path per line ({@code #} starts a
 * comment), each of the form {@code taskmet/sweeps/<suite>/<profile>.yaml}.
 */
public final class SweepProfiles {
  /** The index resource every jar with sweep files carries. */
  public static final String INDEX = "META-INF/taskmet/sweeps";

  /**
   * A sweep file on the class path.
   *
   * @param suite the suite it belongs to, e.g. {@code reproduce}
   * @param name the profile name, e.g. {@code paper}
   * @param resource its resource path
   * @param url where it was found (which jar)
   */
  public record Profile(String suite, String name, String resource, URL url) {
    /** {@code suite/name}, as {@code taskmet sweep} accepts it. */
    public String id() {
      return suite + "/" + name;
    }

    /** Reads and parses the sweep file. */
    public SweepFile read() {
      try (InputStream in = url.openStream()) {
        return SweepFile.parse(id(), url.toString(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read sweep profile " + url + ": " + e.getMessage(), e);
      }
    }
  }

  private final Map<String, Profile> byId;

  private SweepProfiles(Map<String, Profile> byId) {
    this.byId = Collections.unmodifiableMap(byId);
  }

  /** The profiles visible to the context class loader (or this class's loader). */
  public static SweepProfiles discover() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    return discover(cl != null ? cl : SweepProfiles.class.getClassLoader());
  }

  /**
   * The profiles listed by every {@value #INDEX} visible to {@code loader}. When two jars ship the same resource
   * path, the first on the class path wins, as for any resource.
   *
   * @throws IllegalStateException naming the index and the line that is not a sweep-file path or is missing
   */
  public static SweepProfiles discover(ClassLoader loader) {
    Map<String, Profile> found = new TreeMap<>();
    try {
      Enumeration<URL> indexes = loader.getResources(INDEX);
      while (indexes.hasMoreElements()) {
        URL index = indexes.nextElement();
        for (String line : read(index).split("\n")) {
          String path = line.replaceFirst("#.*", "").strip();
          if (path.isEmpty()) {
            continue;
          }
          String[] parts = path.split("/");
          if (parts.length != 4 || !parts[0].equals("taskmet") || !parts[1].equals("sweeps")
              || !parts[3].matches("[a-z0-9][a-z0-9-]*\\.ya?ml")) {
            throw new IllegalStateException(index + ": '" + path + "' is not of the form "
                + "taskmet/sweeps/<suite>/<profile>.yaml");
          }
          URL url = loader.getResource(path);
          if (url == null) {
            throw new IllegalStateException(index + " lists " + path + ", which is not on the class path");
          }
          Profile p = new Profile(parts[2], parts[3].replaceFirst("\\.ya?ml$", ""), path, url);
          found.putIfAbsent(p.id(), p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the sweep profiles: " + e.getMessage(), e);
    }
    return new SweepProfiles(found);
  }

  private static String read(URL url) throws IOException {
    try (InputStream in = url.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Every profile, by id. */
  public List<Profile> all() {
    return List.copyOf(byId.values());
  }

  /** The profile names of one suite, sorted. */
  public List<String> names(String suite) {
    List<String> out = new ArrayList<>();
    byId.values().stream().filter(p -> p.suite().equals(suite)).forEach(p -> out.add(p.name()));
    return out;
  }

  /**
   * The profile {@code name} of {@code suite}.
   *
   * @throws IllegalArgumentException naming the unknown profile and the suite's profiles
   */
  public Profile get(String suite, String name) {
    Profile p = byId.get(suite + "/" + name);
    if (p == null) {
      throw new IllegalArgumentException("unknown profile '" + name + "'; accepted: "
          + (names(suite).isEmpty() ? "(none installed)" : String.join(", ", names(suite))));
    }
    return p;
  }

  /** The profile with this id ({@code suite/name}), if any. */
  public java.util.Optional<Profile> find(String id) {
    return java.util.Optional.ofNullable(byId.get(id));
  }
}
