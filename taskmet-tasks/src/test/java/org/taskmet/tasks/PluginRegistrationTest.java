package org.taskmet.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.Task;
import org.taskmet.api.TrainingMethod;

/** The task and method plugins are discoverable and build from their default configs. */
class PluginRegistrationTest {
  @Test
  @SuppressWarnings({"rawtypes", "unchecked"})
  void tasksAndMethodsAreDiscoveredAndBuildFromDefaults() {
    Map<String, Object> built = new HashMap<>();
    for (PluginProvider p : ServiceLoader.load(PluginProvider.class)) {
      if (p.kind() == PluginKind.TASK || p.kind() == PluginKind.METHOD) {
        Object product = p.create(p.defaultConfig());
        assertThat(product).isInstanceOf(p.kind().productType());
        assertThat(p.configType()).isEqualTo(p.defaultConfig().getClass());
        built.put(p.kind().label() + ":" + p.name(), product);
      }
    }
    assertThat(built).containsKeys("task:cubic", "task:budget", "task:portfolio", "task:shortest-path",
        "task:knapsack", "method:mse", "method:dfl", "method:lodl", "method:taskmet", "method:two-stage",
        "method:spo-plus", "method:pfyl", "method:dbb", "method:nid", "method:dpo");
    assertThat(((Task) built.get("task:portfolio")).shape().features()).isEqualTo(28);
    assertThat(((TrainingMethod) built.get("method:taskmet")).name()).isEqualTo("taskmet");
    // evaluation solvers that return global optima, so a normalized decision quality above 1 is suspect; budget's
    // is the reference's local search (BudgetTaskTest.theEvaluationSolverDoesNotClaimGlobalOptima)
    for (String exact : new String[] {"task:cubic", "task:portfolio", "task:shortest-path", "task:knapsack"}) {
      assertThat(((Task) built.get(exact)).decisionProblem().evaluationSolver().globalOptimum()).as(exact).isTrue();
    }
  }
}
