package org.taskmet.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.taskmet.api.DataSplits;
import org.taskmet.api.ForwardPass;
import org.taskmet.api.Matrix;
import org.taskmet.api.MetricParameterization;
import org.taskmet.api.NoConfig;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.Task;
import org.taskmet.conformance.toolkit.LogUtilityTask;

/** The task and metric checks pass a correct plugin and fail each kind of broken one, naming the check. */
class TaskConformanceTest {
  static PluginProvider<Task, NoConfig> provider(Task task) {
    return PluginProvider.of(task.name(), PluginKind.TASK, "test task", NoConfig.class, new NoConfig(), c -> task);
  }

  static List<PluginChecks.Result> failures(Task task) {
    return PluginChecks.run(List.of(provider(task)), PluginChecks.Options.defaults()).stream()
        .filter(r -> r.status() == PluginChecks.Status.FAIL).toList();
  }

  @Test
  void aCorrectTaskPassesEveryCheck() {
    PluginChecks.assertConforms(provider(LogUtilityTask.of(1.0, 0)));
  }

  @Test
  void dataThatIgnoresTheSeedFailsTheDeterminismCheck() {
    AtomicLong calls = new AtomicLong();
    Task good = LogUtilityTask.of(1.0, 0);
    Task drifting = new LogUtilityTask.Delegating(good) {
      @Override
      public DataSplits generate(long seed) {
        return good.generate(seed + calls.getAndIncrement());
      }
    };
    assertThat(failures(drifting)).extracting(PluginChecks.Result::check).contains("data deterministic per seed");
  }

  @Test
  void aWrongGradientOrDecisionSizeFailsItsCheck() {
    assertThat(failures(LogUtilityTask.of(1.5, 0))).extracting(PluginChecks.Result::check)
        .containsExactly("objective gradient vs finite differences");
    assertThat(failures(LogUtilityTask.of(1.0, 1))).extracting(PluginChecks.Result::check)
        .contains("decision sizes and values");
  }

  @Test
  void aMetricThatKeepsTheCallersParametersFails() {
    MetricParameterization shared = new MetricParameterization() {
      record Pass(double[] parameters, Matrix input, Matrix output) implements ForwardPass {}

      public int inputSize() {
        return 2;
      }

      public int outputSize() {
        return 1;
      }

      public int parameterCount() {
        return 1;
      }

      public double[] initialParameters(RandomGenerator rng) {
        return new double[] {0.3};
      }

      public ForwardPass forward(double[] phi, Matrix x) {
        double[] out = new double[x.rows()];
        java.util.Arrays.fill(out, Math.exp(phi[0]));
        return new Pass(phi, x, new Matrix(x.rows(), 1, out)); // keeps the caller's array
      }

      public Matrix apply(ForwardPass pass, Matrix v) {
        double[] out = v.data().clone();
        for (int i = 0; i < out.length; i++) {
          out[i] *= Math.exp(pass.parameters()[0]); // reads φ back from the pass: changes with the caller's array
        }
        return new Matrix(v.rows(), 1, out);
      }

      public double[] bilinearGradient(ForwardPass pass, Matrix a, Matrix b, double[] w) {
        double s = 0;
        for (int r = 0; r < w.length; r++) {
          s += w[r] * a.get(r, 0) * b.get(r, 0) * Math.exp(pass.parameters()[0]);
        }
        return new double[] {s};
      }

      public Matrix applyTangent(ForwardPass pass, double[] t, Matrix v) {
        Matrix out = apply(pass, v);
        for (int i = 0; i < out.data().length; i++) {
          out.data()[i] *= t[0];
        }
        return out;
      }
    };
    assertThatThrownBy(() -> new MetricConformance(FiniteDifferenceCheck.defaults()).check(shared, 1, 3, 0.1))
        .isInstanceOf(AssertionError.class).hasMessageContaining("forward must copy φ");
  }
}
