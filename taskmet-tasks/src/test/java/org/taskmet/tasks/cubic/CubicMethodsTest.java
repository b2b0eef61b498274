package org.taskmet.tasks.cubic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.taskmet.api.DataSplits;
import org.taskmet.api.ProgressListener;
import org.taskmet.api.Task;
import org.taskmet.api.TrainedPredictor;
import org.taskmet.api.TrainingMethod;
import org.taskmet.api.TrainingRequest;
import org.taskmet.core.eval.DecisionEvaluator;
import org.taskmet.core.method.DflMethod;
import org.taskmet.core.method.LodlMethod;
import org.taskmet.core.method.MseMethod;
import org.taskmet.core.method.TaskmetMethod;
import org.taskmet.core.nn.ModelFactories;

/**
 * Every method on a tiny cubic configuration (seconds): determinism, and the paper's qualitative result
 * that the decision-aware methods pick good items where two-stage MSE picks the worst ones.
 */
class CubicMethodsTest {
  static final Task TINY = new CubicTaskProvider().create(new CubicConfig(50, 1, 30, 20, 60, 0.01, 200));
  static DataSplits data;
  static double mseDq;

  static MseMethod mse() {
    return new MseMethod(new MseMethod.Config(100, 10, 100, 10, 0));
  }

  static DflMethod dfl() {
    return new DflMethod(new DflMethod.Config(0, 40, 10, 100, 10, 0));
  }

  static LodlMethod lodl() {
    return new LodlMethod(new LodlMethod.Config(0, 100, 0, 0, 20, 25, 1, 30, 5, 200, 500, 0));
  }

  static TaskmetMethod taskmet() {
    return new TaskmetMethod(new TaskmetMethod.Config("taskmet-mlp", 30, 200, 30, 10, 1.0, 1e-3, 10, 5, 1e-5, 1e-3,
        10, 0, 5, 100, 0));
  }

  static TrainedPredictor train(TrainingMethod m, long seed, List<String> progress) {
    ProgressListener listener = progress == null ? ProgressListener.NONE : (d, t, msg) -> progress.add(msg);
    return m.train(new TrainingRequest(TINY, data, ModelFactories.fromDefaults(TINY.predictorDefaults()), seed,
        listener));
  }

  static double dq(TrainedPredictor p) {
    return DecisionEvaluator.evaluate(TINY, p, data.test(), 5).normalizedDq();
  }

  @BeforeAll
  static void setUp() {
    data = TINY.generate(2);
    mseDq = dq(train(mse(), 1, null));
  }

  @Test
  void twoStageMsePicksTheWorstItems() {
    assertThat(mseDq).isLessThan(-0.8);
  }

  @Test
  void taskmetBeatsMseAndIsDeterministic() {
    List<String> progress = new ArrayList<>();
    TrainedPredictor a = train(taskmet(), 1, progress);
    TrainedPredictor b = train(taskmet(), 1, null);
    assertThat(a.parameters()).containsExactly(b.parameters());
    assertThat(a.metricParameters()).containsExactly(b.metricParameters());
    assertThat(dq(a)).isGreaterThan(0.5).isGreaterThan(mseDq + 1);
    assertThat(progress).isNotEmpty().allMatch(s -> s.startsWith("taskmet outer"));
    assertThat(a.diagnostics()).containsKeys("outerSteps", "secondsPerOuterStep", "bestOuterStep");
  }

  /**
   * LODL is only checked for determinism and its diagnostics here: its 50-item quadratic surrogates have
   * 1325 parameters and need thousands of samples per instance to separate good from bad lines (measured
   * in BENCHMARKS.md, section Tasks), far beyond a unit test's budget. The surrogate fit itself is tested in
   * QuadraticSurrogateTest.
   */
  @Test
  void lodlIsDeterministic() {
    TrainedPredictor a = train(lodl(), 3, null);
    TrainedPredictor b = train(lodl(), 3, null);
    assertThat(a.parameters()).containsExactly(b.parameters());
    assertThat(a.diagnostics().get("surrogateValidationMse")).isFinite().isPositive();
  }

  /**
   * Regression (issue 14): LODL with samplingStd = 1e6 reported a surrogate validation MSE of 9.3e15 without a word;
   * now a perturbation beyond 100 standard deviations of the targets is a config error before any surrogate is fit.
   */
  @Test
  void aSamplingStdFarBeyondTheTargetsIsAConfigError() {
    LodlMethod huge = new LodlMethod(new LodlMethod.Config(0, 100, 1e6, 0, 20, 25, 1, 30, 5, 200, 500, 0));
    assertThatThrownBy(() -> train(huge, 3, null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lodl: config field 'samplingStd' = 1000000.0 is ")
        .hasMessageContaining("times the standard deviation of task cubic's targets")
        .hasMessageContaining("at most 100 times is accepted");
    LodlMethod explicit = new LodlMethod(new LodlMethod.Config(0, 100, 1, 0, 20, 25, 1, 30, 5, 200, 500, 0));
    assertThat(train(explicit, 3, null).diagnostics().get("surrogateValidationMse")).isFinite();
  }

  @Test
  void dflBeatsMseAndIsDeterministic() {
    TrainedPredictor a = train(dfl(), 4, null);
    TrainedPredictor b = train(dfl(), 4, null);
    assertThat(a.parameters()).containsExactly(b.parameters());
    assertThat(dq(a)).isGreaterThan(0.5);
  }

  @Test
  void mseIsDeterministicAndDependsOnTheSeed() {
    TrainedPredictor a = train(mse(), 7, null);
    TrainedPredictor b = train(mse(), 7, null);
    TrainedPredictor c = train(mse(), 8, null);
    assertThat(a.parameters()).containsExactly(b.parameters());
    assertThat(a.parameters()).isNotEqualTo(c.parameters());
  }

  @Test
  void configErrorsNameTheField() {
    assertThatThrownBy(() -> new TaskmetMethod(new TaskmetMethod.Config("taskmet-mlp", 10, 500, 100, 0, 1.0, 1e-3,
        10, 5, 1e-5, 1e-3, 0, 0, 10, 100, 0))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'innerBatchSize'");
    assertThatThrownBy(() -> new TaskmetMethod(new TaskmetMethod.Config("no-such-metric", 10, 500, 100, 10, 1.0,
        1e-3, 10, 5, 1e-5, 1e-3, 0, 0, 10, 100, 0))).hasMessageContaining("no-such-metric")
        .hasMessageContaining("taskmet-mlp");
    assertThatThrownBy(() -> new DflMethod(new DflMethod.Config(-1, 10, 10, 10, 0, 0)))
        .hasMessageContaining("'alpha'");
    assertThatThrownBy(() -> new LodlMethod(new LodlMethod.Config(0, 2, 0, 0, 100, 25, 10, 10, 5, 200, 500, 0)))
        .hasMessageContaining("'samples'");
  }

  /** The outer-step trace reports what the run did, and tracing changes nothing. */
  @Test
  void taskmetsTraceRecordsEveryOuterStepWithoutChangingTheResult() {
    List<TaskmetMethod.OuterStep> steps = new ArrayList<>();
    TaskmetMethod traced = TaskmetMethod.traced(taskmet().config(), steps::add);
    TrainedPredictor a = train(traced, 3, null);
    TrainedPredictor b = train(taskmet(), 3, null);
    assertThat(a.parameters()).containsExactly(b.parameters());
    assertThat(steps).hasSize(a.diagnostics().get("outerSteps").intValue());
    for (TaskmetMethod.OuterStep s : steps) {
      assertThat(s.innerSteps()).isBetween(1, s.step() == 0 ? 200 : 30);
      assertThat(s.cgIterations()).isBetween(1, 5);
      assertThat(s.implicitResidual()).isBetween(0.0, 1.5);
      assertThat(s.metricMin()).isLessThanOrEqualTo(s.metricMean());
      assertThat(s.metricMean()).isLessThanOrEqualTo(s.metricMax());
      assertThat(s.predictionSpread()).isPositive();
      assertThat(Double.isNaN(s.validationLoss())).isEqualTo(s.step() % 5 != 0);
    }
    double best = steps.stream().filter(s -> !Double.isNaN(s.validationLoss()))
        .mapToDouble(TaskmetMethod.OuterStep::validationLoss).min().orElseThrow();
    assertThat(best).isEqualTo(a.diagnostics().get("bestValidationLoss"));
  }
}
