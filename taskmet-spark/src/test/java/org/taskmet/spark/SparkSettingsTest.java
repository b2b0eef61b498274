package org.taskmet.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskmet.bench.sweep.EngineOptions;

class SparkSettingsTest {
  @TempDir Path dir;

  @Test
  void aLocalMasterStaysOnTheLoopbackInterfaceWithoutAWebUi() {
    SparkConf conf = SparkSettings.conf(new EngineOptions("spark", 0, "local[3]", Map.of("spark.task.cpus", "2")));
    assertThat(conf.get("spark.master")).isEqualTo("local[3]");
    assertThat(conf.get("spark.driver.host")).isEqualTo("127.0.0.1");
    assertThat(conf.get("spark.driver.bindAddress")).isEqualTo("127.0.0.1");
    assertThat(conf.get("spark.ui.enabled")).isEqualTo("false");
    assertThat(conf.get("spark.task.cpus")).isEqualTo("2");
    assertThat(SparkSettings.conf(new EngineOptions("spark", 0, "local[2]", Map.of("spark.ui.enabled", "true")))
        .get("spark.ui.enabled")).as("the user's word wins").isEqualTo("true");
  }

  @Test
  void aClusterMasterGetsTheClassPathsJarsExceptSparksOwn() throws Exception {
    Path lib = Files.createDirectories(dir.resolve("spark/lib"));
    Path spark = Files.createFile(lib.resolve("spark-core.jar"));
    Path taskmet = Files.createFile(dir.resolve("taskmet.jar"));
    Path plugin = Files.createFile(dir.resolve("plugin.jar"));
    String cp = String.join(File.pathSeparator, taskmet.toString(), dir.resolve("classes").toString(),
        spark.toString(), plugin.toString(), taskmet.toString(), dir.resolve("missing.jar").toString());
    assertThat(SparkSettings.executorJars(cp, lib)).containsExactly(taskmet.toString(), plugin.toString());
  }
}
