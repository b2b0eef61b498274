package org.taskmet.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What this build of taskmet is. */
public final class BuildInfo {
  private BuildInfo() {}

  /** The taskmet version of this build ("unknown" when run from classes without the build's resources). */
  public static String version() {
    try (InputStream in = BuildInfo.class.getResourceAsStream("/taskmet-version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
