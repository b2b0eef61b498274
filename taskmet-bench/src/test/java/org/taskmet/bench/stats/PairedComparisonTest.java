package org.taskmet.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PairedComparisonTest {
  @Test
  void tQuantilesMatchTheTables() {
    // two-sided 95 % critical values of Student's t (any statistics table)
    assertThat(PairedComparison.tQuantile(1)).isCloseTo(12.7062, offset(1e-4));
    assertThat(PairedComparison.tQuantile(4)).isCloseTo(2.7764, offset(1e-4));
    assertThat(PairedComparison.tQuantile(9)).isCloseTo(2.2622, offset(1e-4));
    assertThat(PairedComparison.tQuantile(1000)).isCloseTo(1.9623, offset(1e-4));
  }

  @Test
  void pairsBySeedAndCountsWins() {
    Map<String, Double> method = new LinkedHashMap<>();
    Map<String, Double> mse = new LinkedHashMap<>();
    double[][] scores = {{0.30, 0.20}, {0.25, 0.25}, {0.10, 0.15}, {0.40, 0.30}};
    for (int k = 0; k < scores.length; k++) {
      method.put("s" + k, scores[k][0]);
      mse.put("s" + k, scores[k][1]);
    }
    method.put("only-method", 9.0); // unpaired seeds are ignored
    mse.put("only-baseline", -9.0);
    PairedComparison c = PairedComparison.of(method, mse);
    assertThat(c.pairs()).isEqualTo(4);
    assertThat(c.wins()).isEqualTo(2);
    assertThat(c.losses()).isEqualTo(1);
    // differences 0.10, 0, −0.05, 0.10
    assertThat(c.mean()).isCloseTo(0.0375, offset(1e-12));
    double sd = Math.sqrt((Math.pow(0.0625, 2) + Math.pow(0.0375, 2) + Math.pow(0.0875, 2) + Math.pow(0.0625, 2)) / 3);
    assertThat(c.std()).isCloseTo(sd, offset(1e-12));
    assertThat(c.high() - c.mean()).isCloseTo(3.1824 * sd / 2, offset(1e-4));
    assertThat(c.significant()).isFalse();
  }

  @Test
  void theDifferencesGiveTheSameComparisonAndBadOnesAreRejected() {
    PairedComparison c = PairedComparison.ofDifferences(List.of(0.10, 0.0, -0.05, 0.10));
    PairedComparison fromScores = PairedComparison.of(Map.of(1, 0.30, 2, 0.25, 3, 0.10, 4, 0.40),
        Map.of(1, 0.20, 2, 0.25, 3, 0.15, 4, 0.30));
    assertThat(c.pairs()).isEqualTo(4);
    assertThat(c.wins()).isEqualTo(fromScores.wins()).isEqualTo(2);
    assertThat(c.losses()).isEqualTo(fromScores.losses()).isEqualTo(1);
    assertThat(c.low()).isCloseTo(fromScores.low(), offset(1e-12));
    assertThat(c.high()).isCloseTo(fromScores.high(), offset(1e-12));
    assertThatThrownBy(() -> PairedComparison.ofDifferences(List.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one finite difference");
    assertThatThrownBy(() -> PairedComparison.ofDifferences(List.of(0.1, Double.NaN)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
  }

  @Test
  void formatScalesAndMarksAnIntervalThatExcludesZero() {
    // differences 0.1, 0.2: mean 0.15, sd 0.0707, half-width 12.7062 * 0.0707 / sqrt(2) = 0.6353
    assertThat(PairedComparison.ofDifferences(List.of(0.1, 0.2)).format(100, 1)).isEqualTo("+15.0 [-48.5, +78.5]");
    assertThat(PairedComparison.ofDifferences(List.of(0.1, 0.1, 0.1)).format(1, 2))
        .isEqualTo("+0.10 [+0.10, +0.10] *");
    assertThat(PairedComparison.ofDifferences(List.of(-0.02)).format(100, 2)).isEqualTo("-2.00");
  }

  @Test
  void aConsistentImprovementIsSignificantAndOnePairNever() {
    Map<Integer, Double> a = new LinkedHashMap<>();
    Map<Integer, Double> b = new LinkedHashMap<>();
    for (int k = 0; k < 5; k++) {
      a.put(k, 0.5 + 0.01 * k);
      b.put(k, 0.4 + 0.012 * k);
    }
    assertThat(PairedComparison.of(a, b).significant()).isTrue();
    assertThat(PairedComparison.of(b, a).significant()).isTrue();
    assertThat(PairedComparison.of(b, a).high()).isLessThan(0);
    PairedComparison one = PairedComparison.of(Map.of(1, 0.9), Map.of(1, 0.1));
    assertThat(one.significant()).isFalse();
    assertThat(one.wins()).isEqualTo(1);
    assertThatThrownBy(() -> PairedComparison.of(Map.of(1, 0.9), Map.of(2, 0.1))).hasMessageContaining("share no seed");
    assertThatThrownBy(() -> PairedComparison.of(Map.of(1, Double.NaN), Map.of(1, 0.1))).hasMessageContaining("non-finite");
  }

  /** The interval is what it claims: it covers the true mean difference in about 95 % of experiments. */
  @Test
  void intervalsCoverTheTrueMeanNinetyFivePercentOfTheTime() {
    SplittableRandom rng = new SplittableRandom(42);
    int experiments = 4000;
    int covered = 0;
    for (int e = 0; e < experiments; e++) {
      Map<Integer, Double> a = new LinkedHashMap<>();
      Map<Integer, Double> b = new LinkedHashMap<>();
      for (int k = 0; k < 5; k++) {
        double shared = rng.nextGaussian(); // the seed's difficulty, common to both methods
        b.put(k, shared);
        a.put(k, shared + 0.3 + 0.2 * rng.nextGaussian());
      }
      PairedComparison c = PairedComparison.of(a, b);
      covered += c.low() <= 0.3 && 0.3 <= c.high() ? 1 : 0;
    }
    // binomial sd at p = 0.95 and 4000 draws is 0.0034
    assertThat(covered / (double) experiments).isBetween(0.94, 0.96);
  }

  @Test
  void seedsForIsTheSmallestCountReachingTheHalfWidth() {
    for (double sd : new double[] {0.005, 0.03, 0.071, 0.2}) {
      int n = PairedComparison.seedsFor(sd, 0.05, 3, 40);
      if (n < 40) {
        assertThat(PairedComparison.tQuantile(n - 1) * sd / Math.sqrt(n)).isLessThanOrEqualTo(0.05);
      }
      if (n > 3) {
        assertThat(PairedComparison.tQuantile(n - 2) * sd / Math.sqrt(n - 1)).isGreaterThan(0.05);
      }
    }
    assertThat(PairedComparison.seedsFor(0.005, 0.05, 3, 40)).isEqualTo(3);
    assertThat(PairedComparison.seedsFor(10, 0.05, 3, 40)).isEqualTo(40);
    assertThatThrownBy(() -> PairedComparison.seedsFor(0.1, 0, 3, 40)).hasMessageContaining("halfWidth");
  }
}
