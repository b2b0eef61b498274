package org.taskmet.tasks.cubic;

import org.junit.jupiter.api.Test;
import org.taskmet.api.*;
import org.taskmet.core.eval.DecisionEvaluator;
import org.taskmet.core.method.*;
import org.taskmet.core.nn.ModelFactories;

public class DebugTmpTest {
  public static void main(String[] a) { new DebugTmpTest().debug(); }
  @Test
  void debug() {
    Task task = CubicTaskTest.TASK;
    DataSplits d = task.generate(0);
    TaskmetMethod.Config c = TaskmetMethod.Config.defaults();
    c = new TaskmetMethod.Config(c.metric(), 100, 500, 100, 10, 1, 1e-3, 10, 5, 1e-5, 1e-3, 0, 0, 10, 100, 0);
    TrainedPredictor p = new TaskmetMethod(c).train(new TrainingRequest(task, d,
        ModelFactories.fromDefaults(task.predictorDefaults()), 0, (a, b, m) -> System.out.println(m)));
    System.out.println("params " + java.util.Arrays.toString(p.parameters()) + " " + p.diagnostics());
    System.out.println("trained " + DecisionEvaluator.evaluate(task, p, d.test(), 0));
  }
}
