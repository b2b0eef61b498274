package org.taskmet.api;

/**
 * A decision problem whose objective is linear in the targets, over a feasible set given by an exact
 * {@link LinearOracle}: with c = {@link Sense#sign()}·vec(Y) the rewards,
 * <pre>
 *   obj(z, Y) = cᵀz,   z*(Ŷ) = argmax_{z ∈ 𝒵} ĉᵀz,   ĉ = sign·vec(Ŷ).
 * </pre>
 * A cost-minimizing task (shortest path) is {@link Sense#MINIMIZE}: its targets are costs and its
 * objective is their negation, so the library's "higher is better" convention holds everywhere and the
 * sign is applied in this one place. Methods that need the linear structure (SPO+, perturbed losses,
 * regret metrics) accept any task whose decision problem implements this interface.
 */
public interface LinearDecisionProblem extends DecisionProblem {
  /** Whether the targets are rewards to maximize or costs to minimize. */
  enum Sense {
    MAXIMIZE(1),
    MINIMIZE(-1);

    private final int sign;

    Sense(int sign) {
      this.sign = sign;
    }

    /** +1 for rewards, −1 for costs: rewards = sign · targets. */
    public int sign() {
      return sign;
    }
  }

  Sense sense();

  /** The exact oracle over the feasible set, in reward (maximization) form. */
  LinearOracle oracle();

  /** {@code out} = sign · vec(values): the rewards of targets or predictions (length = the oracle's dimension). */
  default double[] rewards(Matrix values, double[] out) {
    double[] v = values.data();
    if (out.length != v.length) {
      throw new IllegalArgumentException(oracle().name() + ": " + values.shape() + " values give " + v.length
          + " rewards, expected " + out.length);
    }
    int s = sense().sign();
    for (int i = 0; i < v.length; i++) {
      out[i] = s * v[i];
    }
    return out;
  }

  @Override
  default int decisionSize(Instance instance) {
    return oracle().dimension(instance);
  }

  /** cᵀz with c = sign · vec(trueTargets). */
  @Override
  default double objective(Instance instance, double[] decision, Matrix trueTargets) {
    double[] y = trueTargets.data();
    if (decision.length != y.length) {
      throw new IllegalArgumentException(oracle().name() + ": decision has length " + decision.length
          + " but the targets hold " + y.length + " values");
    }
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      s += y[i] * decision[i];
    }
    return sense().sign() * s;
  }

  /** ∂obj/∂z = c = sign · vec(trueTargets), whatever z is. */
  @Override
  default double[] objectiveGradient(Instance instance, double[] decision, Matrix trueTargets) {
    return rewards(trueTargets, new double[trueTargets.data().length]);
  }
}
