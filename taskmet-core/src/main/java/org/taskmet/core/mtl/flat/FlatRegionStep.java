package org.taskmet.core.mtl.flat;

import java.util.random.RandomGenerator;
import org.taskmet.api.Aggregation;
import org.taskmet.api.GradientAggregator;
import org.taskmet.api.Matrix;
import org.taskmet.core.mtl.MultiTaskBatch;
import org.taskmet.core.mtl.MultiTaskNetwork;
import org.taskmet.core.mtl.MultiTaskStep;
import org.taskmet.core.mtl.MultiTaskUpdate;
import org.taskmet.core.mtl.TaskGradients;

/**
 * Task-based flat regions, FS-MTL (Phan et al., arXiv 2211.13723; mtl.md §2.5), around any aggregator A:
 * <ol>
 *   <li>per-task gradients at θ: g_i (shared), h_i (head i);</li>
 *   <li>per-task SAM/ASAM perturbation of the trunk and of head i only (ε_sh^i, ε_i), normalised jointly
 *       or separately ({@link PerturbationNorm}); other heads are not perturbed;</li>
 *   <li>task i's gradients at its perturbed point: g_i^SAM, h_i^SAM;</li>
 *   <li>flat directions g_i^flat = g_i^SAM − g_i;</li>
 *   <li>shared direction d_sh = A(g_1..g_m) + A(g_1^flat..g_m^flat) — the aggregator applied to the plain
 *       and to the flat gradients <em>separately</em>, then summed ({@link Combination#DECOMPOSED}); the
 *       ablation "a-X" applies A once to the SAM gradients ({@link Combination#DIRECT});</li>
 *   <li>head i gets h_i^SAM, unweighted.</li>
 * </ol>
 * Cost: 2m gradient evaluations per step (m backward passes at θ, m forward/backward at perturbed points).
 *
 * <p>The two aggregations need two aggregator instances, because stateful aggregators (group DRO,
 * Lookahead-DRO, Nash-MTL warm starts) must not advance twice per step. Both receive the task losses at θ.
 * The reported task weights are those of the plain aggregation.
 */
public final class FlatRegionStep implements MultiTaskStep {
  /** How the flat gradients enter the shared direction. */
  public enum Combination {
    /** d = A(g) + A(g^SAM − g): the FS-MTL method. */
    DECOMPOSED,
    /** d = A(g^SAM): the "a-X" ablation. */
    DIRECT
  }

  private final MultiTaskNetwork network;
  private final GradientAggregator plainAggregator;
  private final GradientAggregator flatAggregator;
  private final double rho;
  private final boolean adaptive;
  private final PerturbationNorm norm;
  private final Combination combination;

  /**
   * @param plainAggregator A for the plain gradients (and for the SAM gradients in {@link Combination#DIRECT})
   * @param flatAggregator a second, independent instance of A for the flat gradients (unused by DIRECT)
   * @param rho perturbation radius ρ &gt; 0 (FS-MTL MultiFashion: 2 with ASAM)
   * @param adaptive ASAM (T = |θ|) instead of SAM
   */
  public FlatRegionStep(MultiTaskNetwork network, GradientAggregator plainAggregator,
      GradientAggregator flatAggregator, double rho, boolean adaptive, PerturbationNorm norm,
      Combination combination) {
    if (!(rho > 0) || !Double.isFinite(rho)) {
      throw new IllegalArgumentException("fs-mtl.rho = " + rho + "; expected a finite value > 0");
    }
    if (plainAggregator == flatAggregator && combination == Combination.DECOMPOSED) {
      throw new IllegalArgumentException("fs-mtl: the plain and flat aggregators must be two instances (a stateful "
          + "aggregator would otherwise advance twice per step)");
    }
    this.network = network;
    this.plainAggregator = plainAggregator;
    this.flatAggregator = flatAggregator;
    this.rho = rho;
    this.adaptive = adaptive;
    this.norm = norm;
    this.combination = combination;
  }

  @Override
  public MultiTaskUpdate compute(double[] parameters, MultiTaskBatch batch, RandomGenerator rng) {
    PerturbedGradients pg = perturbedGradients(parameters, batch);
    int m = network.taskCount();
    int ps = network.sharedParameterCount();
    double[] losses = pg.plain().losses();
    double[] direction;
    double[] weights;
    if (combination == Combination.DECOMPOSED) {
      Aggregation plain = plainAggregator.aggregate(pg.plain().shared(), losses, rng);
      double[] flat = pg.sam().data().clone();
      double[] g = pg.plain().shared().data();
      for (int i = 0; i < flat.length; i++) {
        flat[i] -= g[i];
      }
      Aggregation flatPart = flatAggregator.aggregate(new Matrix(m, ps, flat), losses, rng);
      direction = plain.direction().clone();
      for (int i = 0; i < ps; i++) {
        direction[i] += flatPart.direction()[i];
      }
      weights = plain.taskWeights();
    } else {
      Aggregation a = plainAggregator.aggregate(pg.sam(), losses, rng);
      direction = a.direction();
      weights = a.taskWeights();
    }
    double[] full = new double[network.parameterCount()];
    System.arraycopy(direction, 0, full, 0, ps);
    for (int k = 0; k < m; k++) {
      System.arraycopy(pg.samHeads()[k], 0, full, network.headOffset(k), pg.samHeads()[k].length);
    }
    return new MultiTaskUpdate(full, weights, losses);
  }

  /**
   * The gradients at θ and at each task's perturbed point.
   *
   * @param plain g_i, h_i and ℓ_i at θ
   * @param sam K × P_shared, row i = g_i^SAM
   * @param samHeads samHeads[i] = h_i^SAM
   */
  public record PerturbedGradients(TaskGradients plain, Matrix sam, double[][] samHeads) {}

  /** Steps 1–3 of the class comment (exposed for tests and diagnostics). */
  public PerturbedGradients perturbedGradients(double[] parameters, MultiTaskBatch batch) {
    TaskGradients plain = network.taskGradients(parameters, batch);
    int m = network.taskCount();
    int ps = network.sharedParameterCount();
    double[] sam = new double[m * ps];
    double[][] samHeads = new double[m][];
    double[] full = new double[parameters.length];
    double[] epsilon = new double[parameters.length];
    double[] sharedOut = new double[ps];
    for (int i = 0; i < m; i++) {
      int headOffset = network.headOffset(i);
      int headLength = network.headParameterCount(i);
      java.util.Arrays.fill(full, 0.0);
      System.arraycopy(plain.shared().data(), i * ps, full, 0, ps);
      System.arraycopy(plain.heads()[i], 0, full, headOffset, headLength);
      java.util.Arrays.fill(epsilon, 0.0);
      if (norm == PerturbationNorm.JOINT) {
        SharpnessPerturbation.perturb(parameters, full, new int[] {0, headOffset}, new int[] {ps, headLength}, rho,
            adaptive, epsilon);
      } else {
        SharpnessPerturbation.perturb(parameters, full, new int[] {0}, new int[] {ps}, rho, adaptive, epsilon);
        SharpnessPerturbation.perturb(parameters, full, new int[] {headOffset}, new int[] {headLength}, rho,
            adaptive, epsilon);
      }
      double[] perturbed = parameters.clone();
      for (int j = 0; j < parameters.length; j++) {
        perturbed[j] += epsilon[j];
      }
      samHeads[i] = new double[headLength];
      network.taskGradient(perturbed, batch, i, sharedOut, samHeads[i]);
      System.arraycopy(sharedOut, 0, sam, i * ps, ps);
    }
    return new PerturbedGradients(plain, new Matrix(m, ps, sam), samHeads);
  }

  @Override
  public void reset() {
    plainAggregator.reset();
    if (flatAggregator != null) {
      flatAggregator.reset();
    }
  }
}
