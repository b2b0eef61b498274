package org.taskmet.core.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The taskmet build that is running: its version and the git commit it was built from, so that a result file
 * can be traced to the code that produced it. Read once from {@code build.properties} beside this class, which
 * the build fills in.
 *
 * @param version the Maven project version, e.g. {@code 0.1.0-SNAPSHOT}
 * @param commit the full git commit id, followed by {@value #DIRTY_SUFFIX} when the working tree had
 *     uncommitted changes; {@value #UNKNOWN} when the build ran outside a git checkout
 */
public record BuildInfo(String version, String commit) {
  /** The value of a field the build could not determine. */
  public static final String UNKNOWN = "unknown";
  /** Appended to the commit id of a build from a working tree with uncommitted changes. */
  public static final String DIRTY_SUFFIX = "-dirty";

  private static final String RESOURCE = "build.properties";
  private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-f]{40,64}");
  private static final BuildInfo CURRENT = load();

  /** The build of the taskmet classes on the class path. */
  public static BuildInfo current() {
    return CURRENT;
  }

  /** One line for people: {@code 0.1.0 (commit 0123…4567)}, or {@code (commit 0123…4567, uncommitted changes)}. */
  public String describe() {
    boolean dirty = commit.endsWith(DIRTY_SUFFIX);
    String id = dirty ? commit.substring(0, commit.length() - DIRTY_SUFFIX.length()) : commit;
    return version + " (commit " + id + (dirty ? ", uncommitted changes" : "") + ")";
  }

  /**
   * The build described by {@code build.properties} content. A value the build could not fill in (git missing:
   * an unexpanded {@code ${...}}; not a checkout: empty) is {@value #UNKNOWN}.
   */
  static BuildInfo of(Properties p) {
    String version = p.getProperty("version", "").trim();
    String commit = p.getProperty("commit", "").trim();
    if (!COMMIT_ID.matcher(commit).matches()) {
      commit = UNKNOWN;
    } else if (Boolean.parseBoolean(p.getProperty("dirty", "").trim())) {
      commit += DIRTY_SUFFIX;
    }
    return new BuildInfo(version.isEmpty() || version.startsWith("${") ? UNKNOWN : version, commit);
  }

  private static BuildInfo load() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE + " of taskmet-core: " + e.getMessage(), e);
    }
    return of(p);
  }
}
