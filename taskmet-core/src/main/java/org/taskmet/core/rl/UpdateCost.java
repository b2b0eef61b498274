package org.taskmet.core.rl;

import java.util.SplittableRandom;
import org.taskmet.api.Environment;
import org.taskmet.api.MetricParameterization;
import org.taskmet.core.method.CpuClock;

/**
 * The cost of one agent update, measured (thread CPU time) and counted (FLOPs of the dense products): for
 * planning long runs before they start and for the update benchmark.
 */
public final class UpdateCost {
  private UpdateCost() {}

  /**
   * An agent ready to update, with a replay buffer of random experience and the environment it came from (in the
   * middle of an episode).
   */
  public static final class Prepared {
    private final ModelBasedAgent agent;
    private final ReplayBuffer buffer;
    private final Environment environment;
    private final SplittableRandom rng;
    private double[] observation;

    private Prepared(ModelBasedAgent agent, ReplayBuffer buffer, Environment environment, SplittableRandom rng,
        double[] observation) {
      this.agent = agent;
      this.buffer = buffer;
      this.environment = environment;
      this.rng = rng;
      this.observation = observation;
    }

    public ModelBasedAgent agent() {
      return agent;
    }

    public ReplayBuffer buffer() {
      return buffer;
    }

    /** One update as after every warm-up (TaskMet updates its metric too). */
    public void update() {
      agent.update(buffer, Long.MAX_VALUE);
    }

    /** One step of the training loop: act with the policy, step the environment, store the transition, update. */
    public void trainingStep() {
      Environment.Step s = AgentRun.stepAndStore(environment, buffer, observation, agent.act(observation, rng));
      observation = s.done() ? environment.reset(rng.nextLong()) : s.observation();
      update();
    }
  }

  /**
   * Builds an agent and fills its buffer with {@code max(batch, randomSteps)} transitions of uniformly random actions
   * in {@code env}. The buffer keeps the last 10,000 transitions: sampling costs the same at any size, and the
   * reference's 200,000 would take 0.8 GB at 516 observation dimensions.
   */
  public static Prepared prepare(ModelLearning method, AgentConfig config, Environment env,
      MetricParameterization.Factory metric, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    ModelBasedAgent agent = new ModelBasedAgent(method, config, env.observationSize(), env.actionCount(), metric,
        rng.nextLong());
    int steps = Math.max(config.batchSize(), config.randomSteps());
    ReplayBuffer buffer = new ReplayBuffer(Math.max(steps, 10_000), env.observationSize());
    double[] obs = env.reset(rng.nextLong());
    for (int t = steps; t > 0; t--) {
      Environment.Step s = AgentRun.stepAndStore(env, buffer, obs, rng.nextInt(env.actionCount()));
      obs = s.done() ? env.reset(rng.nextLong()) : s.observation();
    }
    return new Prepared(agent, buffer, env, rng, obs);
  }

  /** Mean thread-CPU seconds of one update over {@code timed} updates after {@code warmup} untimed ones. */
  public static double cpuSecondsPerUpdate(Prepared prepared, int warmup, int timed) {
    for (int i = 0; i < warmup; i++) {
      prepared.update();
    }
    long t0 = CpuClock.now();
    for (int i = 0; i < timed; i++) {
      prepared.update();
    }
    return (CpuClock.now() - t0) / 1e9 / timed;
  }

  /**
   * Floating-point operations of the matrix products of one update (2·m·n·k per product; element-wise work,
   * a few percent, is not counted), with the linear solves at their iteration budgets (an upper bound: CG may stop
   * earlier on its tolerance). Follows the products {@link ModelBasedAgent} makes, network by network.
   */
  public static long flopsPerUpdate(ModelLearning method, AgentConfig config, int observationSize, int actionCount) {
    int h = config.hiddenUnits();
    long b = config.batchSize();
    Shape dynamics = new Shape(b, observationSize + actionCount, h, observationSize);
    Shape reward = new Shape(b, observationSize + actionCount, h, 1);
    Shape q = new Shape(b, observationSize, h, actionCount);
    long qStep = 2 * q.forward() + 2 * (q.forward() + q.vjp()); // both target heads on ŝ', both heads and backprop
    long predictionLoss = dynamics.forward() + reward.forward();
    long predictionGradient = dynamics.vjp() + reward.vjp();
    // real targets, task loss and gradient, model targets, JVPs of both heads, input VJPs of both target heads,
    // backprop through the model
    long implicitModelGradient = 2 * q.forward() + 2 * (q.forward() + q.vjp()) + 2 * q.forward() + 2 * q.jvp()
        + 2 * q.inputVjp() + predictionGradient;
    if (config.qLevel() == AgentConfig.QLevel.CG) {
      implicitModelGradient += config.qCgIterations() * 2L * q.hvp(); // the inner loss reuses the task loss's passes
    }
    return switch (method) {
      case MLE -> predictionLoss + predictionGradient + predictionLoss + qStep;
      case OMD -> predictionLoss + qStep + implicitModelGradient;
      case TASKMET -> {
        long modelHvp = dynamics.hvp() + reward.hvp();
        // loss and gradient before the model step, loss after it, Q step, ∇_θ L_task, normal CG (the right-hand side
        // A·b and two products per iteration), the mixed product (a JVP of the state network)
        yield 2 * predictionLoss + predictionGradient + qStep + implicitModelGradient
            + (1 + 2L * config.modelCgIterations()) * modelHvp + dynamics.jvp();
      }
    };
  }

  /** A 2-hidden-layer MLP in → h → h → out on b rows, and the FLOPs of its products. */
  private record Shape(long b, long in, long h, long out) {
    /** One product per layer: 2b·(in·h + h·h + h·out). */
    long forward() {
      return 2 * b * (in * h + h * h + h * out);
    }

    /** Weight gradients of every layer and input cotangents of the two upper layers. */
    long vjp() {
      return forward() + 2 * b * (h * h + h * out);
    }

    /** Input cotangents of every layer. */
    long inputVjp() {
      return forward();
    }

    /** x·Ẇᵀ in every layer plus ẋ·Wᵀ in the two upper ones. */
    long jvp() {
      return vjp();
    }

    /** JVP, then the R-operator of backprop: two weight-gradient and three cotangent products per upper layer. */
    long hvp() {
      return jvp() + 2 * b * (in * h) + 5 * 2 * b * (h * h + h * out);
    }
  }
}
