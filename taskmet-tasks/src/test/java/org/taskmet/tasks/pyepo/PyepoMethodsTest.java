package org.taskmet.tasks.pyepo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.taskmet.api.DataSplits;
import org.taskmet.api.LinearDecisionProblem;
import org.taskmet.api.Model;
import org.taskmet.api.ProgressListener;
import org.taskmet.api.Task;
import org.taskmet.api.TrainedPredictor;
import org.taskmet.api.TrainingMethod;
import org.taskmet.api.TrainingRequest;
import org.taskmet.core.eval.RegretEvaluator;
import org.taskmet.core.method.DflMethod;
import org.taskmet.core.method.LodlMethod;
import org.taskmet.core.method.TaskmetMethod;
import org.taskmet.core.nn.ModelFactories;
import org.taskmet.solvers.pto.PyepoMethod;
import org.taskmet.solvers.pto.PyepoMethod.Kind;
import org.taskmet.tasks.cubic.CubicTaskProvider;

/** Every method learns on the PyEPO tasks: lower test regret than the untrained model, deterministically. */
class PyepoMethodsTest {
  static final ShortestPathTask SP = PyepoTasksTest.shortestPath(Map.of("num_data", 300, "num_val", 60,
      "num_test", 300));
  static final KnapsackTask KS = PyepoTasksTest.knapsack(Map.of("num_data", 100, "num_val", 30, "num_test", 300));

  static TrainedPredictor train(TrainingMethod m, Task task, DataSplits data, long seed) {
    return m.train(new TrainingRequest(task, data, ModelFactories.fromDefaults(task.predictorDefaults()), seed,
        ProgressListener.NONE));
  }

  static double testRegret(Task task, DataSplits data, TrainedPredictor p) {
    return new RegretEvaluator((LinearDecisionProblem) task.decisionProblem(), data.test(), 2).evaluate(p)
        .normalizedRegret();
  }

  /** The regret of the model every method starts from (the first split of the seed's stream initializes it). */
  static double untrainedRegret(Task task, DataSplits data, long seed) {
    Model model = ModelFactories.fromDefaults(task.predictorDefaults()).create(task.shape().features(),
        task.shape().outputs());
    double[] theta = model.initialParameters(new SplittableRandom(seed).split());
    return new RegretEvaluator((LinearDecisionProblem) task.decisionProblem(), data.test(), 2).evaluate(model, theta)
        .normalizedRegret();
  }

  static PyepoMethod pyepo(Kind kind, int epochs) {
    return new PyepoMethod(kind, new PyepoMethod.Settings(epochs, 0, 0, 3, 1.0, 20));
  }

  @Test
  void everyPyepoMethodLowersTheRegretOnShortestPathAndRecordsItsCurves() {
    DataSplits data = SP.generate(1);
    double untrained = untrainedRegret(SP, data, 4);
    for (Kind kind : Kind.values()) {
      TrainedPredictor p = train(pyepo(kind, 4), SP, data, 4);
      double regret = testRegret(SP, data, p);
      assertThat(regret).as(kind.pluginName()).isLessThan(0.7 * untrained);
      Map<String, Double> d = p.diagnostics();
      assertThat(d).containsKeys("curve.validationRegret.e000", "curve.validationRegret.e004", "curve.trainLoss.e004",
          "cpuSecondsPerEpoch", "lossSecondsPerEpoch", "oracleCallsPerEpoch");
      assertThat(d.get("curve.validationRegret.e004")).as(kind.pluginName())
          .isLessThan(d.get("curve.validationRegret.e000"));
      // oracle calls per epoch: PyEPO's count per instance (two-stage none, SPO+ and NID one, DBB two, 3 samples)
      double perInstance = d.get("oracleCallsPerEpoch") / 300;
      assertThat(perInstance).as(kind.pluginName()).isEqualTo(switch (kind) {
        case TWO_STAGE -> 0.0;
        case SPO_PLUS, NID -> 1.0;
        case DBB -> 2.0;
        case PFYL, DPO -> 3.0;
      });
    }
  }

  @Test
  void spoPlusLowersTheRegretOnTheKnapsack() {
    DataSplits data = KS.generate(2);
    TrainedPredictor p = train(pyepo(Kind.SPO_PLUS, 10), KS, data, 0);
    assertThat(testRegret(KS, data, p)).isLessThan(0.7 * untrainedRegret(KS, data, 0));
  }

  @Test
  void sameSeedGivesBitIdenticalParameters() {
    DataSplits data = SP.generate(3);
    for (Kind kind : new Kind[] {Kind.PFYL, Kind.DBB}) {
      TrainedPredictor a = train(pyepo(kind, 2), SP, data, 9);
      TrainedPredictor b = train(pyepo(kind, 2), SP, data, 9);
      assertThat(a.parameters()).containsExactly(b.parameters());
    }
  }

  @Test
  void decisionFocusedMethodsOfTheTaskmetTableRunOnThePyepoTasks() {
    DataSplits data = SP.generate(4);
    double untrained = untrainedRegret(SP, data, 5);
    TrainingMethod dfl = new DflMethod(new DflMethod.Config(0, 150, 10, 100, 0, 0));
    TaskmetMethod.Config d = TaskmetMethod.Config.defaults();
    TrainingMethod taskmet = new TaskmetMethod(new TaskmetMethod.Config(d.metric(), 6, 60, 20, d.innerBatchSize(),
        d.gradClip(), d.gradStopThreshold(), d.hypergradientBatchSize(), d.cgIterations(), d.cgRidge(),
        d.metricLearningRate(), 0, 0, 2, d.patience(), d.dflAlpha()));
    TrainingMethod lodl = new LodlMethod(new LodlMethod.Config(0, 40, 0.5, 0, 20, 10, 1, 150, 10, 100, 32, 0));
    for (TrainingMethod m : new TrainingMethod[] {dfl, taskmet, lodl}) {
      assertThat(testRegret(SP, data, train(m, SP, data, 5))).as(m.name()).isLessThan(0.8 * untrained);
    }
  }

  @Test
  void twoStageTrainsOnATaskWithSeveralRowsPerInstance() {
    Task cubic = new CubicTaskProvider().create(new CubicTaskProvider().defaultConfig());
    DataSplits data = cubic.generate(0);
    TrainedPredictor p = train(pyepo(Kind.TWO_STAGE, 5), cubic, data, 0);
    Map<String, Double> d = p.diagnostics();
    // 200 instances of 50 items each; least squares of 10(x³ − 0.65x) on x ~ U[−1, 1] has MSE ≈ 2.29
    assertThat(d.get("curve.trainLoss.e005")).isLessThan(d.get("curve.trainLoss.e001")).isLessThan(10);
    assertThat(d).doesNotContainKey("curve.validationRegret.e000");
  }

  @Test
  void aMethodThatNeedsALinearObjectiveSaysSoOnAnotherTask() {
    Task cubic = new CubicTaskProvider().create(new CubicTaskProvider().defaultConfig());
    assertThatThrownBy(() -> train(pyepo(Kind.SPO_PLUS, 1), cubic, cubic.generate(0), 0))
        .hasMessageContaining("method 'spo-plus' needs a task whose objective is linear in the predictions")
        .hasMessageContaining("task 'cubic' is not");
  }
}
