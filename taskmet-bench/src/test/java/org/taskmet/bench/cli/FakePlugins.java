package org.taskmet.bench.cli;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.taskmet.api.DataSplits;
import org.taskmet.api.Dataset;
import org.taskmet.api.DecisionProblem;
import org.taskmet.api.ForwardPass;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.Model;
import org.taskmet.api.NoConfig;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.PredictorDefaults;
import org.taskmet.api.Task;
import org.taskmet.api.TaskShape;
import org.taskmet.api.TrainedPredictor;
import org.taskmet.api.TrainingMethod;
import java.util.LinkedHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.taskmet.bench.run.DecisionTrialResult;
import org.taskmet.bench.run.DecisionTrialSpec;
import org.taskmet.bench.run.ExecutedTrial;
import org.taskmet.bench.run.TrialExecutor;
import org.taskmet.bench.sweep.TrialContext;
import org.taskmet.core.method.MseMethod;
import org.taskmet.core.plugin.PluginRegistry;
import org.taskmet.embed.PluginRef;
import org.taskmet.embed.Predictor;

/** Small stand-in plugins so CLI tests run in milliseconds. */
final class FakePlugins {
  private FakePlugins() {}

  record TaskConfig(int instances) {}


  /** A task named {@code cubic} whose data are y = x on 3 items. */
  static final class FakeTask implements PluginProvider<Task, TaskConfig> {
    public String name() { return "cubic"; }
    public PluginKind kind() { return PluginKind.TASK; }
    public String description() { return "fake cubic task"; }
    public Class<TaskConfig> configType() { return TaskConfig.class; }
    public TaskConfig defaultConfig() { return new TaskConfig(2); }
    public Task create(TaskConfig c) {
      return new Task() {
        public String name() { return "cubic"; }
        public TaskShape shape() { return new TaskShape(3, 1, 1); }
        public DataSplits generate(long seed) {
          SplittableRandom rng = new SplittableRandom(seed);
          Matrix x = Matrix.column(new double[] {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()});
          Dataset d = new Dataset("fake", List.of(new Instance(x, x.copy())));
          return new DataSplits(d, d, d);
        }
        public DecisionProblem decisionProblem() { throw new UnsupportedOperationException("fake task has no decisions"); }
        public PredictorDefaults predictorDefaults() { return new PredictorDefaults(0, 0, "identity", 0.1, 1); }
      };
    }
  }

  /** A method plugin with the real two-stage method's config record (so reproduce profiles apply), never trained. */
  static final class FakeMethod implements PluginProvider<TrainingMethod, MseMethod.Config> {
    public String name() { return "mse"; }
    public PluginKind kind() { return PluginKind.METHOD; }
    public String description() { return "fake two-stage method"; }
    public Class<MseMethod.Config> configType() { return MseMethod.Config.class; }
    public MseMethod.Config defaultConfig() { return MseMethod.Config.defaults(); }
    public TrainingMethod create(MseMethod.Config c) {
      if (c.iterations() < 1) {
        throw new IllegalArgumentException("iterations must be >= 1, got " + c.iterations());
      }
      return new TrainingMethod() {
        public String name() { return "mse"; }
        public org.taskmet.api.TrainedPredictor train(org.taskmet.api.TrainingRequest r) {
          throw new UnsupportedOperationException("the fake executor never trains");
        }
      };
    }
  }

  /** y = a·x + b, parameters (a, b). */
  static final class AffineModel implements Model {
    public int inputSize() { return 1; }
    public int outputSize() { return 1; }
    public int parameterCount() { return 2; }
    public double[] initialParameters(RandomGenerator rng) { return new double[] {1, 0}; }
    public ForwardPass forward(double[] p, Matrix x) {
      Matrix y = Matrix.zeros(x.rows(), 1);
      for (int r = 0; r < x.rows(); r++) {
        y.set(r, 0, p[0] * x.get(r, 0) + p[1]);
      }
      return new ForwardPass() {
        public double[] parameters() { return p; }
        public Matrix input() { return x; }
        public Matrix output() { return y; }
      };
    }
    public double[] vjp(ForwardPass pass, Matrix g) {
      double[] out = new double[2];
      for (int r = 0; r < g.rows(); r++) {
        out[0] += g.get(r, 0) * pass.input().get(r, 0);
        out[1] += g.get(r, 0);
      }
      return out;
    }
    public Matrix jvp(ForwardPass pass, double[] v) {
      Matrix out = Matrix.zeros(pass.input().rows(), 1);
      for (int r = 0; r < out.rows(); r++) {
        out.set(r, 0, v[0] * pass.input().get(r, 0) + v[1]);
      }
      return out;
    }
  }

  record ModelConfig(int hiddenLayers, int hiddenUnits, String outputActivation) {}

  static final class FakeModel implements PluginProvider<Model.Factory, ModelConfig> {
    public String name() { return "mlp"; }
    public PluginKind kind() { return PluginKind.MODEL; }
    public String description() { return "fake affine model"; }
    public Class<ModelConfig> configType() { return ModelConfig.class; }
    public ModelConfig defaultConfig() { return new ModelConfig(0, 0, "identity"); }
    public Model.Factory create(ModelConfig c) { return (in, out) -> new AffineModel(); }
  }

  static PluginRegistry registry() {
    return PluginRegistry.of(List.of(new FakeTask(), new FakeMethod(), new FakeModel()));
  }

  /** Scores each trial as a deterministic function of its seed; counts how often it ran (from any thread). */
  static final class CountingExecutor implements TrialExecutor {
    final AtomicInteger calls = new AtomicInteger();
    /** The method's diagnostics every trial reports (none by default). */
    volatile Map<String, Double> diagnostics = Map.of();

    @Override
    public ExecutedTrial execute(DecisionTrialSpec spec, TrialContext context) {
      calls.incrementAndGet();
      context.progress().progress(1, 1, "done");
      double score = 0.5 + 0.1 * spec.seed();
      Map<String, Double> scores = new LinkedHashMap<>();
      scores.put("normalizedDq", score);
      scores.put("modelDq", score);
      scores.put("randomDq", 0.0);
      scores.put("optimalDq", 1.0);
      scores.put("mse", 2.0);
      TrainedPredictor predictor = new TrainedPredictor(new AffineModel(), new double[] {score, 0}, null, null, Map.of());
      Task task = new FakeTask().create(new FakeTask().defaultConfig());
      return new ExecutedTrial(spec, new DecisionTrialResult(scores, 0.01, 0.001, diagnostics),
          Predictor.of(spec.training(), task, predictor, new PluginRef("mlp", Map.of()), null), true);
    }
  }
}
