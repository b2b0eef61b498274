package org.taskmet.bench.cli;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CLI module's runtime class path (which becomes the CLI jar and the distribution's {@code lib/}) carries
 * no benchmark library: JMH, EJML and ojAlgo belong to {@code taskmet-jmh} only; and no Spark, which belongs to the
 * optional {@code taskmet-spark}.
 */
class CliClassPathTest {
  @ParameterizedTest
  @ValueSource(strings = {"org.openjdk.jmh.Main", "org.ejml.data.DMatrixRMaj", "org.ojalgo.OjAlgoUtils",
      "org.apache.spark.SparkContext"})
  void benchmarkLibrariesAreNotOnTheClassPath(String className) {
    assertThatThrownBy(() -> Class.forName(className, false, getClass().getClassLoader()))
        .isInstanceOf(ClassNotFoundException.class);
  }
}
