package org.taskmet.core.determinism;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.taskmet.core.nn.Activation;

/**
 * Same numbers on JDK 17 and JDK 25. The cause of the last-bit differences between them: JDK 24+ made
 * {@code Math.tanh} (and JDK 25 {@code Math.cbrt}) HotSpot intrinsics whose results differ from the fdlibm ones
 * JDK 17 returns in about 11% (8%) of the inputs; {@code Math.exp/log/pow/sin} have the same intrinsics on both. This
 * test prints bit fingerprints of the math functions and of every activation in this JVM and in a JDK 25 child
 * JVM: the activations (which use StrictMath where Math differs) must agree. Its {@code main} is the minimal
 * reproduction: run it on both JDKs and compare the {@code Math.tanh} lines.
 */
class CrossJdkDeterminismTest {
  static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

  /** Prints {@code name hash} lines: the fingerprints of this JVM. */
  public static void main(String[] args) {
    fingerprints().forEach((k, v) -> System.out.println(k + " " + v));
  }

  static Map<String, String> fingerprints() {
    Map<String, String> out = new TreeMap<>();
    out.put("Math.tanh", hash(Math::tanh, -5, 5));
    out.put("Math.cbrt", hash(Math::cbrt, -10, 10));
    out.put("Math.exp", hash(Math::exp, -20, 20));
    out.put("Math.log", hash(Math::log, 1e-6, 100));
    for (Activation a : Activation.values()) {
      out.put("Activation." + a.label(), hash(x -> {
        double[] z = {x};
        a.apply(z, z, 1);
        return z[0];
      }, -5, 5));
    }
    return out;
  }

  /** A hash of f's bits at 200 000 pseudo-random points, repeated so that the JIT-compiled code runs too. */
  private static String hash(DoubleUnaryOperator f, double lo, double hi) {
    long h = 0;
    for (int rep = 0; rep < 3; rep++) {
      SplittableRandom r = new SplittableRandom(17);
      for (int i = 0; i < 200_000; i++) {
        h = h * 31 + Double.doubleToRawLongBits(f.applyAsDouble(lo + (hi - lo) * r.nextDouble()));
      }
    }
    return Long.toHexString(h);
  }

  @Test
  void activationsGiveTheSameBitsOnJdk17AndJdk25() throws Exception {
    assumeTrue(Files.isExecutable(JDK25), "needs JDK 25 at " + JDK25);
    List<String> cmd = new ArrayList<>(List.of(JDK25.toString(), "--add-modules", "jdk.incubator.vector", "-cp",
        System.getProperty("java.class.path"), CrossJdkDeterminismTest.class.getName()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    Map<String, String> other = new TreeMap<>();
    text.lines().map(l -> l.split(" ")).forEach(kv -> other.put(kv[0], kv[1]));
    Map<String, String> here = fingerprints();
    for (Activation a : Activation.values()) {
      String key = "Activation." + a.label();
      assertThat(other.get(key)).as(key + " on JDK 25 vs JDK " + Runtime.version().feature()).isEqualTo(here.get(key));
    }
    // the cause, for the record (which functions differ depends on the CPU's intrinsics, so it is not asserted)
    for (String f : List.of("Math.tanh", "Math.cbrt", "Math.exp", "Math.log")) {
      System.out.printf("%s: JDK %d %s, JDK 25 %s%s%n", f, Runtime.version().feature(), here.get(f), other.get(f),
          here.get(f).equals(other.get(f)) ? "" : "  <- differs");
    }
  }
}
