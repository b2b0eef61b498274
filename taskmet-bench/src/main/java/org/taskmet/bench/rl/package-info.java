/**
 * {@code taskmet rl cartpole}: TaskMet's model-based RL experiment (reference taskmet.md §4) as a suite of trials
 * (method × number of distractors × seed), with its result files, table and plots. The agent is
 * {@link org.taskmet.core.rl}; the environments are plugins ({@code cartpole}) wrapped with distracting dimensions.
 */
package org.taskmet.bench.rl;
