package org.taskmet.tasks.rdata;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds files of installed R packages without R: Debian's {@code r-cran-*} packages install into
 * {@code /usr/lib/R/site-library}; packages installed by R itself go to {@code /usr/local/lib/R/site-library}
 * or {@code /usr/lib/R/library}. The environment variable {@code R_LIBS_SITE} (colon-separated) is
 * searched first when set.
 */
public final class RPackageFiles {
  private static final List<String> LIBRARIES = List.of(
      "/usr/lib/R/site-library", "/usr/local/lib/R/site-library", "/usr/lib/R/library");

  private RPackageFiles() {}

  /** The library directories searched, in order. */
  public static List<Path> libraries() {
    List<Path> out = new ArrayList<>();
    String site = System.getenv("R_LIBS_SITE");
    if (site != null) {
      for (String p : site.split(":")) {
        if (!p.isBlank()) {
          out.add(Path.of(p));
        }
      }
    }
    LIBRARIES.forEach(l -> out.add(Path.of(l)));
    return out;
  }

  /** {@code <library>/<rPackage>/<relative>} in the first library that has it. */
  public static Optional<Path> find(String rPackage, String relative) {
    return libraries().stream().map(l -> l.resolve(rPackage).resolve(relative)).filter(Files::isRegularFile)
        .findFirst();
  }

  /** Where the file is expected when none is installed: the Debian location. */
  public static Path debianLocation(String rPackage, String relative) {
    return Path.of(LIBRARIES.get(0)).resolve(rPackage).resolve(relative);
  }

  /**
   * A key that changes when the file does (path, size, modification time), for per-JVM caches of data read from
   * it: a sweep builds a task per trial, and the files take a bzip2 or zlib decode to read.
   */
  public static String cacheKey(Path file) {
    try {
      return file.toAbsolutePath() + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis();
    } catch (java.io.IOException e) {
      return file.toAbsolutePath() + "|unreadable";
    }
  }

  /** The command that installs the Debian package of an R package, e.g. {@code apt-get install r-cran-huge}. */
  public static String installCommand(String rPackage) {
    return "apt-get install r-cran-" + rPackage.toLowerCase(java.util.Locale.ROOT);
  }
}
