package org.taskmet.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.taskmet.bench.sweep.EngineOptions;

/**
 * The one SparkContext of the test JVM, in local mode on the loopback interface: 2 task slots, and 2 attempts per
 * task ({@code local[2,2]}), so a failing trial shows Spark's retry. Every test's Spark engine joins it.
 */
final class LocalSpark {
  static final String MASTER = "local[2,2]";
  private static JavaSparkContext context;

  private LocalSpark() {}

  static synchronized JavaSparkContext context() {
    if (context == null) {
      context = new JavaSparkContext(new SparkConf().setMaster(MASTER).setAppName("taskmet tests")
          .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
          .set("spark.driver.bindAddress", "127.0.0.1"));
    }
    return context;
  }

  /** The options that make the runner's Spark engine join {@link #context()}. */
  static EngineOptions engine() {
    context();
    return new EngineOptions(SparkEngine.NAME, 0, MASTER, java.util.Map.of());
  }
}
