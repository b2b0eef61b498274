package org.taskmet.core.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Start-up selection of the kernels, checked in fresh JVMs (the choice is made once per JVM): scalar without
 * the incubator module, under -Xint, or when forced; SIMD with it. Each run must log exactly one line.
 */
class KernelSelectionTest {
  private static final Pattern LOG_LINE = Pattern.compile("taskmet kernels: (.*)");

  record Run(String stdout, List<String> logLines) {}

  static Run runProbe(String... jvmArgs) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of(jvmArgs));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), KernelSelectionProbe.class.getName()));
    Process p = new ProcessBuilder(cmd).start();
    // the probe's output is tiny, so reading stdout then stderr cannot dead-lock on a full pipe
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("probe exit, stderr: " + err).isZero();
    List<String> lines = new ArrayList<>();
    Matcher m = LOG_LINE.matcher(err);
    while (m.find()) {
      lines.add(m.group(1));
    }
    return new Run(out, lines);
  }

  @Test
  void scalarWithoutTheIncubatorModule() throws Exception {
    Run run = runProbe();
    assertThat(run.stdout()).isEqualTo("scalar 20 true");
    assertThat(run.logLines()).singleElement().asString().startsWith("scalar (jdk.incubator.vector is not readable");
  }

  @Test
  void simdWithTheIncubatorModule() throws Exception {
    Run run = runProbe("--add-modules", "jdk.incubator.vector");
    assertThat(run.stdout()).matches("panama-\\d+ 20 true");
    assertThat(run.logLines()).singleElement().asString().endsWith("(Vector API)");
  }

  @Test
  void scalarWhenForcedOrWithoutC2() throws Exception {
    Run forced = runProbe("--add-modules", "jdk.incubator.vector", "-Dtaskmet.kernels=scalar");
    assertThat(forced.stdout()).isEqualTo("scalar 20 true");
    assertThat(forced.logLines()).singleElement().asString().contains("forced");
    Run c1 = runProbe("--add-modules", "jdk.incubator.vector", "-XX:TieredStopAtLevel=1");
    assertThat(c1.stdout()).isEqualTo("scalar 20 true");
    assertThat(c1.logLines()).singleElement().asString().contains("C2");
  }
}
