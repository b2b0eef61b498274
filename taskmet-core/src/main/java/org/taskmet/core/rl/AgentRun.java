package org.taskmet.core.rl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.taskmet.api.Environment;
import org.taskmet.api.Matrix;
import org.taskmet.api.MetricParameterization;
import org.taskmet.api.ProgressListener;
import org.taskmet.core.method.CpuClock;

/**
 * One training run of a {@link ModelBasedAgent} in an environment (the reference's training loop): uniformly
 * random actions for the first {@link AgentConfig#randomSteps()} steps, then ε-uniform or the softmax policy;
 * every transition into the replay buffer; one update per environment step from the end of the random phase
 * on; an evaluation of the softmax policy (no ε) every {@link Settings#evaluationInterval()} steps and after the
 * last step, over {@link Settings#evaluationEpisodes()} episodes of a separate evaluation environment.
 *
 * <p>Deterministic: the seed fixes the networks' initialization, every episode's reset seed, the exploration, the
 * replay sampling and the evaluation policy's draws.
 */
public final class AgentRun {
  /** An evaluation episode that has not ended after this many steps means the environment never ends one. */
  static final long MAX_EVALUATION_EPISODE_STEPS = 1_000_000;
  private static final int METRIC_PROBE_ROWS = 16;

  private AgentRun() {}

  /**
   * @param steps environment steps of training
   * @param evaluationInterval environment steps between evaluations (the first at step 0)
   * @param evaluationEpisodes episodes per evaluation
   */
  public record Settings(long steps, int evaluationInterval, int evaluationEpisodes) {
    public Settings {
      if (steps < 1 || evaluationInterval < 1 || evaluationEpisodes < 1) {
        throw new IllegalArgumentException("an RL run needs steps, evaluation interval and evaluation episodes >= 1, "
            + "got steps=" + steps + " evaluationInterval=" + evaluationInterval + " evaluationEpisodes="
            + evaluationEpisodes);
      }
    }
  }

  /**
   * One evaluation of the policy.
   *
   * @param step environment steps taken before it
   * @param meanReturn the mean undiscounted return of the episodes
   * @param returns each episode's return
   * @param metricDiagonal the learned metric's diagonal averaged over up to 16 recent replay inputs (TaskMet), or
   *     {@code null}
   * @param updates the update diagnostics since the previous evaluation
   */
  public record Evaluation(long step, double meanReturn, double[] returns, double[] metricDiagonal,
      UpdateStats updates) {}

  /**
   * @param curve the evaluations, step 0 first and the final one last
   * @param episodes training episodes started
   * @param updates agent updates made
   * @param updateCpuSeconds thread CPU time spent in updates
   * @param environmentCpuSeconds thread CPU time of the training loop outside updates and evaluations (acting and
   *     stepping the environment)
   * @param evaluationCpuSeconds thread CPU time spent in evaluations
   * @param wallSeconds wall time of the whole run
   */
  public record Result(List<Evaluation> curve, long episodes, long updates, double updateCpuSeconds,
      double environmentCpuSeconds, double evaluationCpuSeconds, double wallSeconds) {
    /** The last evaluation's mean return. */
    public double finalReturn() {
      return curve.get(curve.size() - 1).meanReturn();
    }

    /** The last evaluation's metric diagonal, or {@code null} without a metric. */
    public double[] finalMetricDiagonal() {
      return curve.get(curve.size() - 1).metricDiagonal();
    }

    /** Training CPU seconds per environment step: updates plus acting and stepping, evaluations excluded. */
    public double cpuSecondsPerStep(long steps) {
      return (updateCpuSeconds + environmentCpuSeconds) / steps;
    }
  }

  /**
   * Trains and evaluates one agent.
   *
   * @param train the training environment (validated with {@link CheckedEnvironment} by the caller or here)
   * @param evaluation a separate instance for evaluations
   * @param metric the metric factory for TaskMet ({@code null} otherwise)
   */
  public static Result run(ModelLearning method, AgentConfig config, Settings settings, Environment train,
      Environment evaluation, MetricParameterization.Factory metric, long seed, ProgressListener progress) {
    if (train.observationSize() != evaluation.observationSize() || train.actionCount() != evaluation.actionCount()) {
      throw new IllegalArgumentException("training and evaluation environments differ: " + train.observationSize()
          + " vs " + evaluation.observationSize() + " observation values, " + train.actionCount() + " vs "
          + evaluation.actionCount() + " actions");
    }
    long wallStart = System.nanoTime();
    long cpuStart = CpuClock.now();
    SplittableRandom root = new SplittableRandom(seed);
    ModelBasedAgent agent = new ModelBasedAgent(method, config, train.observationSize(), train.actionCount(), metric,
        root.nextLong());
    SplittableRandom trainResets = root.split();
    SplittableRandom evaluationResets = root.split();
    SplittableRandom exploration = root.split();
    SplittableRandom evaluationPolicy = root.split();
    int actions = train.actionCount();
    ReplayBuffer buffer = new ReplayBuffer((int) Math.min(config.replayCapacity(), settings.steps()),
        train.observationSize());

    List<Evaluation> curve = new ArrayList<>();
    long updateCpu = 0;
    long evaluationCpu = 0;
    long episodes = 1;
    long updates = 0;
    double[] observation = train.reset(trainResets.nextLong());
    for (long step = 0; step < settings.steps(); step++) {
      if (step % settings.evaluationInterval() == 0) {
        long t0 = CpuClock.now();
        curve.add(evaluate(agent, evaluation, settings, step, buffer, observation, evaluationResets, evaluationPolicy));
        evaluationCpu += CpuClock.now() - t0;
      }
      boolean random = step < config.randomSteps() || exploration.nextDouble() < config.explorationEpsilon();
      int action = random ? exploration.nextInt(actions) : agent.act(observation, exploration);
      Environment.Step s = stepAndStore(train, buffer, observation, action);
      if (s.done()) {
        observation = train.reset(trainResets.nextLong());
        episodes++;
      } else {
        observation = s.observation();
      }
      if (step + 1 >= config.randomSteps()) {
        long t0 = CpuClock.now();
        agent.update(buffer, step + 1);
        updateCpu += CpuClock.now() - t0;
        updates++;
      }
      if ((step + 1) % 100 == 0 || step + 1 == settings.steps()) {
        progress.progress(step + 1, settings.steps(), String.format(Locale.ROOT, "step %d, return %.1f", step + 1,
            curve.get(curve.size() - 1).meanReturn()));
      }
    }
    long t0 = CpuClock.now();
    curve.add(evaluate(agent, evaluation, settings, settings.steps(), buffer, observation, evaluationResets,
        evaluationPolicy));
    evaluationCpu += CpuClock.now() - t0;
    long total = CpuClock.now() - cpuStart;
    return new Result(List.copyOf(curve), episodes, updates, updateCpu / 1e9,
        (total - updateCpu - evaluationCpu) / 1e9, evaluationCpu / 1e9, (System.nanoTime() - wallStart) / 1e9);
  }

  /**
   * Takes {@code action} in {@code env} from {@code observation} and stores the transition; a truncated episode's
   * last state is not terminal (its value is bootstrapped).
   */
  static Environment.Step stepAndStore(Environment env, ReplayBuffer buffer, double[] observation, int action) {
    Environment.Step s = env.step(action);
    buffer.add(observation, action, s.reward(), s.observation(), s.terminated() && !s.truncated(), s.done());
    return s;
  }

  private static Evaluation evaluate(ModelBasedAgent agent, Environment env, Settings settings, long step,
      ReplayBuffer buffer, double[] currentObservation, SplittableRandom resets, SplittableRandom policy) {
    double[] returns = new double[settings.evaluationEpisodes()];
    double sum = 0;
    for (int e = 0; e < returns.length; e++) {
      double[] obs = env.reset(resets.nextLong());
      double ret = 0;
      for (long t = 1; ; t++) {
        Environment.Step s = env.step(agent.act(obs, policy));
        ret += s.reward();
        if (s.done()) {
          break;
        }
        if (t >= MAX_EVALUATION_EPISODE_STEPS) {
          throw new IllegalStateException("environment '" + env + "' did not end an evaluation episode within "
              + MAX_EVALUATION_EPISODE_STEPS + " steps; it needs a time limit (truncation)");
        }
        obs = s.observation();
      }
      returns[e] = ret;
      sum += ret;
    }
    return new Evaluation(step, sum / returns.length, returns, metricDiagonal(agent, buffer, currentObservation),
        agent.drainStats());
  }

  /** Mean diagonal of Λ_φ over up to 16 replay inputs spread over the buffer (the current state before any). */
  private static double[] metricDiagonal(ModelBasedAgent agent, ReplayBuffer buffer, double[] currentObservation) {
    MetricParameterization metric = agent.metric();
    if (metric == null) {
      return null;
    }
    Matrix inputs;
    if (buffer.size() == 0) {
      inputs = agent.model().inputs(new Matrix(1, currentObservation.length, currentObservation), new int[] {0});
    } else {
      int rows = Math.min(METRIC_PROBE_ROWS, buffer.size());
      int[] slots = new int[rows];
      for (int i = 0; i < rows; i++) {
        slots[i] = (int) ((long) i * buffer.size() / rows);
      }
      Transitions t = buffer.gather(slots);
      inputs = agent.model().inputs(t.observations(), t.actions());
    }
    int n = metric.outputSize();
    double[] diagonal = new double[n];
    for (int r = 0; r < inputs.rows(); r++) {
      Matrix row = new Matrix(1, inputs.cols(), inputs.row(r));
      double[] blocks = metric.forward(agent.metricParameters(), row).output().data();
      for (int i = 0; i < n; i++) {
        diagonal[i] += blocks[i * n + i] / inputs.rows();
      }
    }
    return diagonal;
  }
}
