package org.taskmet.core.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernels give the same bits whether interpreted or C2-compiled, so a run's numbers do not depend on
 * when the JIT compiled a kernel (with {@code reduceLanes(ADD)} they did on JDK 22+, where compiled code adds the
 * lanes in another order). The interpreted bits come from a second JVM started with {@code -Xint}.
 */
class KernelDeterminismTest {
  /** The reducing kernels' results on fixed inputs, as hex bits. */
  static String fingerprint() {
    DenseKernels k = new PanamaKernels();
    SplittableRandom rng = new SplittableRandom(42);
    int n = 67;
    double[] a = PanamaKernelsTest.random(rng, 5 * n);
    double[] b = PanamaKernelsTest.random(rng, 4 * n);
    double[] y = new double[5];
    double[] c = new double[5 * 4];
    double[] forms = new double[2];
    double[] lambdas = PanamaKernelsTest.random(rng, 2 * 11 * 11);
    double[] broadcast = new double[5 * n]; // n = 67: vector tiles, then the tail columns' scalar arithmetic
    double[] sums = new double[n];
    StringJoiner out = new StringJoiner(" ");
    out.add(Long.toHexString(Double.doubleToLongBits(k.dot(a, 1, b, 2, n))));
    k.gemv(5, n, 1.5, a, 0, b, 0, 0, y, 0);
    k.gemm(false, true, 5, 4, n, 1, a, b, 0, c);
    k.rowQuadraticForms(2, 11, lambdas, a, forms);
    k.gemm(false, false, 5, n, 4, 0.5, a, b, 0, broadcast);
    k.columnSums(4, n, b, sums, 0);
    for (double[] v : new double[][] {y, c, forms, broadcast, sums}) {
      for (double x : v) {
        out.add(Long.toHexString(Double.doubleToLongBits(x)));
      }
    }
    return out.toString();
  }

  public static void main(String[] args) {
    System.out.print(fingerprint());
  }

  @Test
  void compiledKernelsGiveTheInterpretersBits() throws Exception {
    Process interpreted = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
        "--add-modules", "jdk.incubator.vector", "-Xint", "-cp", System.getProperty("java.class.path"),
        KernelDeterminismTest.class.getName()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String expected = new String(interpreted.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(interpreted.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(expected).isNotBlank();
    String hot = "";
    for (int i = 0; i < 30_000; i++) { // enough calls for C2 to compile every kernel
      hot = fingerprint();
    }
    assertThat(hot).isEqualTo(expected);
  }
}
