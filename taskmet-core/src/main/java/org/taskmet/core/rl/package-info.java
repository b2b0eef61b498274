/**
 * Model-based reinforcement learning with a learned model of the environment, for any
 * {@link org.taskmet.api.Environment} plugin with discrete actions: TaskMet's second experiment
 * (reference taskmet.md §4).
 *
 * <p>The pieces, in the order data flows through them: a {@link org.taskmet.core.rl.ReplayBuffer} of real
 * transitions; a {@link org.taskmet.core.rl.DynamicsModel} T_θ(s, a) = (ŝ', r̂) trained on a prediction loss;
 * {@link org.taskmet.core.rl.SoftDoubleQ}, soft double Q-learning on transitions whose next state and reward
 * come from the model; and the {@link org.taskmet.core.rl.ModelBasedAgent}, which makes one model, one Q and
 * (for TaskMet) one metric update per environment step with one of three {@link org.taskmet.core.rl.ModelLearning}
 * methods: MLE, OMD, TaskMet. {@link org.taskmet.core.rl.AgentRun} runs the environment loop with periodic
 * evaluation.
 */
package org.taskmet.core.rl;
