package org.taskmet.bench.rl;

import java.util.Map;
import java.util.TreeMap;
import org.taskmet.api.Environment;
import org.taskmet.api.MetricParameterization;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.bench.sweep.SpecMaps;
import org.taskmet.core.method.ConfigChecks;
import org.taskmet.core.plugin.PluginConfigs;
import org.taskmet.core.plugin.PluginRegistry;
import org.taskmet.core.plugin.Plugins;
import org.taskmet.core.rl.AgentConfig;
import org.taskmet.core.rl.AgentRun;
import org.taskmet.core.rl.ModelLearning;

/**
 * One RL trial: everything its result depends on. In a sweep file every field is optional except {@code method}:
 * the plugin configs and the agent settings are overrides of their defaults (the reference values, {@link
 * AgentConfig#reference()}), which {@link #canonical} fills in.
 *
 * @param environment the environment plugin's name (e.g. {@code cartpole})
 * @param environmentConfig its config fields
 * @param distractors k, the N(0, 1) dimensions appended to every observation
 * @param method {@code mle}, {@code omd} or {@code taskmet}
 * @param metric the metric plugin TaskMet learns (ignored by MLE and OMD)
 * @param metricConfig its config fields
 * @param agent the agent's settings ({@link AgentConfig} fields; {@code qLevel} is {@code IDENTITY} or {@code CG})
 * @param steps environment steps of training
 * @param evaluationInterval steps between evaluations
 * @param evaluationEpisodes episodes per evaluation
 * @param seed seeds the networks, the environments, exploration and replay sampling
 */
public record RlSpec(String environment, Map<String, Object> environmentConfig, int distractors, String method,
    String metric, Map<String, Object> metricConfig, Map<String, Object> agent, long steps, int evaluationInterval,
    int evaluationEpisodes, long seed) {
  public RlSpec {
    environmentConfig = environmentConfig == null ? new TreeMap<>() : new TreeMap<>(environmentConfig);
    metricConfig = metricConfig == null ? new TreeMap<>() : new TreeMap<>(metricConfig);
    agent = agent == null ? new TreeMap<>() : new TreeMap<>(agent);
  }

  public ModelLearning learning() {
    return ModelLearning.byName(method);
  }

  /** The agent settings: the reference values with this spec's overrides. */
  public AgentConfig agentConfig() {
    Map<String, Object> merged = new TreeMap<>(SpecMaps.toMap(AgentConfig.reference()));
    merged.putAll(agent);
    return SpecMaps.convert(merged, AgentConfig.class, "rl agent setting").validate();
  }

  /**
   * The spec with the plugin configs and agent settings completed by their defaults, after checking every name and
   * value: a bad spec fails here, before any trial starts.
   *
   * @throws IllegalArgumentException naming the plugin, field or value
   */
  public RlSpec canonical(PluginRegistry plugins) {
    if (method == null) {
      throw new IllegalArgumentException("an rl trial needs a method: mle, omd or taskmet");
    }
    learning();
    if (distractors < 0) {
      throw new IllegalArgumentException("distractors must be >= 0, got " + distractors);
    }
    new AgentRun.Settings(steps, evaluationInterval, evaluationEpisodes);
    String env = environment == null ? "cartpole" : environment;
    Map<String, Object> envConfig = complete(plugins.provider(PluginKind.ENVIRONMENT, env), environmentConfig);
    Environment created = Plugins.create(plugins, PluginKind.ENVIRONMENT, Environment.class, env, envConfig);
    checkSizes(created.observationSize());
    String met = metric == null ? "normalized-diagonal" : metric;
    Map<String, Object> metConfig = complete(plugins.provider(PluginKind.METRIC, met), metricConfig);
    Plugins.create(plugins, PluginKind.METRIC, MetricParameterization.Factory.class, met, metConfig);
    return new RlSpec(env, envConfig, distractors, method, met, metConfig, SpecMaps.toMap(agentConfig()), steps,
        evaluationInterval, evaluationEpisodes, seed);
  }

  /**
   * The replay buffer and the networks grow with the observation (the environment's plus the distractors) and the
   * hidden units: sizes a typo would make exhaust memory ({@code --distractors 2000000000}) fail here, before any
   * trial.
   */
  private void checkSizes(int environmentObservation) {
    AgentConfig a = agentConfig();
    long observation = (long) environmentObservation + distractors;
    ConfigChecks.dataSize("rl", "min(replayCapacity, steps) x (observation size + distractors) (the replay buffer)",
        Math.min(a.replayCapacity(), steps), observation);
    ConfigChecks.dataSize("rl", "(observation size + distractors + hiddenUnits) x hiddenUnits (a network's weights)",
        observation + a.hiddenUnits(), a.hiddenUnits());
  }

  private static <C extends Record> Map<String, Object> complete(PluginProvider<?, C> provider,
      Map<String, Object> overrides) {
    return PluginConfigs.toMap(PluginConfigs.withOverrides(provider, overrides));
  }
}
