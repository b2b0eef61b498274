package org.taskmet.core.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QuadraticSurrogateTest {
  @Test
  void gradientMatchesCentralDifferences() {
    SplittableRandom rng = new SplittableRandom(1);
    int d = 7;
    double[] y = new double[d];
    for (int i = 0; i < d; i++) {
      y[i] = rng.nextGaussian();
    }
    QuadraticSurrogate q = QuadraticSurrogate.initial(y, 3.0, rng);
    // move L and y_c away from their init so every term matters
    double[] samples = new double[40 * d];
    double[] targets = new double[40];
    for (int s = 0; s < 40; s++) {
      for (int i = 0; i < d; i++) {
        samples[s * d + i] = y[i] + rng.nextGaussian();
      }
      targets[s] = 1 + rng.nextDouble();
    }
    q.fit(samples, targets, 20, 40, 0.05, 30, 30);
    double[] yhat = new double[d];
    for (int i = 0; i < d; i++) {
      yhat[i] = y[i] + rng.nextGaussian();
    }
    double[] g = new double[d];
    double[] work = new double[2 * d];
    q.value(yhat, g, work);
    for (int i = 0; i < d; i++) {
      double[] p = yhat.clone();
      double[] m = yhat.clone();
      p[i] += 1e-6;
      m[i] -= 1e-6;
      double fd = (q.value(p, null, work) - q.value(m, null, work)) / 2e-6;
      assertThat(g[i]).isCloseTo(fd, offset(1e-6 * Math.max(1, Math.abs(fd))));
    }
  }

  @Test
  void fitRecoversAKnownQuadratic() {
    SplittableRandom rng = new SplittableRandom(2);
    int d = 5;
    double[] y = new double[d];
    double[] lTrue = new double[d * d];
    for (int i = 0; i < d; i++) {
      y[i] = rng.nextGaussian();
      for (int j = 0; j <= i; j++) {
        lTrue[i * d + j] = i == j ? 1 + i : 0.3 * rng.nextGaussian();
      }
    }
    int n = 600;
    double[] samples = new double[n * d];
    double[] targets = new double[n];
    double mean = 0;
    for (int s = 0; s < n; s++) {
      double[] delta = new double[d];
      for (int i = 0; i < d; i++) {
        delta[i] = 0.5 * rng.nextGaussian();
        samples[s * d + i] = y[i] - delta[i];
      }
      double t = 0;
      for (int k = 0; k < d; k++) {
        double v = 0;
        for (int i = k; i < d; i++) {
          v += lTrue[i * d + k] * delta[i];
        }
        t += v * v;
      }
      targets[s] = t;
      mean += t;
    }
    mean /= n;
    double var = 0;
    for (double t : targets) {
      var += (t - mean) * (t - mean);
    }
    var /= n;
    QuadraticSurrogate q = QuadraticSurrogate.initial(y, 0, rng);
    double before = q.fit(samples, targets, 300, 600, 0.05, 0, 10);
    double after = q.fit(samples, targets, 300, 600, 0.05, 600, 100);
    assertThat(before).isGreaterThan(0.5 * var);
    // held-out error far below the targets' variance: the quadratic structure was learned
    assertThat(after).isLessThan(0.05 * var);
  }
}
