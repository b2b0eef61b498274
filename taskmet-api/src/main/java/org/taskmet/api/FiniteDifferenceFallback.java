package org.taskmet.api;

import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The second-order fallback for pieces that implement only the VJP: a central difference of VJPs along
 * the tangent. Logs once per implementing class, so users know which plugin runs approximately.
 */
final class FiniteDifferenceFallback {
  private static final System.Logger LOG = System.getLogger("org.taskmet.api");
  private static final Set<Class<?>> WARNED = ConcurrentHashMap.newKeySet();

  private FiniteDifferenceFallback() {}

  static double[] vjpTangent(Model model, ForwardPass pass, double[] v, Matrix g, Matrix gDot) {
    if (WARNED.add(model.getClass())) {
      LOG.log(Level.INFO, model.getClass().getName()
          + " has no exact vjpTangent; using a central difference of VJPs (about 1e-6 relative accuracy)");
    }
    double[] theta = pass.parameters();
    double norm = 0;
    for (double x : v) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    int p = theta.length;
    double[] out = new double[p];
    if (norm == 0) {
      return model.vjp(pass, gDot);
    }
    // step relative to the direction's size: cube root of machine epsilon balances truncation and rounding
    double eps = 6e-6 * Math.max(1.0, l2(theta)) / norm;
    double[] plus = theta.clone();
    double[] minus = theta.clone();
    for (int i = 0; i < p; i++) {
      plus[i] += eps * v[i];
      minus[i] -= eps * v[i];
    }
    double[] gp = model.vjp(model.forward(plus, pass.input()), g);
    double[] gm = model.vjp(model.forward(minus, pass.input()), g);
    double[] direct = model.vjp(pass, gDot);
    for (int i = 0; i < p; i++) {
      out[i] = (gp[i] - gm[i]) / (2 * eps) + direct[i];
    }
    return out;
  }

  private static double l2(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v * v;
    }
    return Math.sqrt(s);
  }
}
