package org.taskmet.core.linalg;

/**
 * Started in a separate JVM by {@link KernelSelectionTest}: prints the chosen kernels' name and the
 * iteration count of a small CG solve on them (proving the chosen kernels work end to end).
 */
public final class KernelSelectionProbe {
  private KernelSelectionProbe() {}

  public static void main(String[] args) {
    int n = 40;
    double[] a = new double[n * n];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      a[i * n + i] = 2;
      if (i > 0) {
        a[i * n + i - 1] = -1;
        a[(i - 1) * n + i] = -1;
      }
      b[i] = 1;
    }
    SolveResult res = new ConjugateGradient().solve(new DenseOperator(n, a), b,
        new SolveOptions(0, 100, 1e-10, 0, null));
    System.out.println(Kernels.get().name() + " " + res.iterations() + " " + res.converged());
  }
}
