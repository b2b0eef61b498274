package org.taskmet.spark;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.taskmet.bench.sweep.EngineOptions;

/** The SparkConf of a sweep, from the engine options and whatever {@code spark-submit} already set. */
final class SparkSettings {
  private static final Logger LOG = LoggerFactory.getLogger(SparkSettings.class);

  private SparkSettings() {}

  /**
   * Spark's properties ({@code spark.*} system properties, as {@code spark-submit} passes them), then
   * {@code --master} and {@code --conf}; then taskmet's defaults where nothing was said: no web UI, a local master
   * bound to the loopback interface, and, for a cluster master started outside {@code spark-submit}, the class
   * path's taskmet and plugin jars shipped to the executors.
   *
   * @throws IllegalArgumentException naming a {@code --conf} key that is not a Spark property
   */
  static SparkConf conf(EngineOptions options) {
    SparkConf conf = new SparkConf(true).setIfMissing("spark.app.name", "taskmet sweep");
    if (options.master() != null) {
      conf.setMaster(options.master());
    } else if (!conf.contains("spark.master")) {
      LOG.info("no --master given: running Spark in this JVM on every core (local[*])");
      conf.setMaster("local[*]");
    }
    options.conf().forEach((key, value) -> {
      if (!key.startsWith("spark.")) {
        throw new IllegalArgumentException("--conf " + key + "=" + value + ": the Spark engine takes Spark properties, "
            + "which start with 'spark.'");
      }
      conf.set(key, value);
    });
    conf.setIfMissing("spark.ui.enabled", "false");
    String master = conf.get("spark.master");
    if (master.startsWith("local")) {
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    } else if (!submitted(conf)) {
      List<String> jars = executorJars(System.getProperty("java.class.path"), sparkLibrary());
      jars.addAll(List.of(conf.get("spark.jars", "").split(",")));
      conf.set("spark.jars", String.join(",", new LinkedHashSet<>(jars.stream().filter(j -> !j.isBlank()).toList())));
      LOG.info("shipping to the executors: {}", conf.get("spark.jars"));
    }
    return conf;
  }

  /** True under {@code spark-submit}, which ships the application and {@code --jars} itself. */
  private static boolean submitted(SparkConf conf) {
    return System.getProperty("SPARK_SUBMIT") != null || conf.contains("spark.submit.deployMode");
  }

  /**
   * The jars of {@code classPath} the executors need and a Spark installation lacks: every jar outside Spark's own
   * library folder (taskmet's jar, this module's, plugin jars).
   */
  static List<String> executorJars(String classPath, Path sparkLibrary) {
    List<String> out = new ArrayList<>();
    Set<Path> seen = new LinkedHashSet<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (entry.isBlank() || !entry.endsWith(".jar")) {
        continue;
      }
      Path jar = Path.of(entry).toAbsolutePath().normalize();
      if (Files.isRegularFile(jar) && (sparkLibrary == null || !jar.startsWith(sparkLibrary)) && seen.add(jar)) {
        out.add(jar.toString());
      }
    }
    return out;
  }

  /** The folder of the jar that holds Spark itself. */
  private static Path sparkLibrary() {
    try {
      return Path.of(SparkContext.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent()
          .toAbsolutePath().normalize();
    } catch (URISyntaxException | NullPointerException e) {
      return null;
    }
  }
}
