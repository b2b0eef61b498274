/**
 * The capped simplex {0 ≤ z ≤ 1, Σz = k}: exact projection ({@link org.taskmet.solvers.simplex.CappedSimplexProjection}),
 * the projection as a decision, and the accelerated projected-gradient solver for a task-supplied
 * {@link org.taskmet.solvers.simplex.SmoothObjective} with its KKT backward (budget allocation).
 */
package org.taskmet.solvers.simplex;
