/**
 * The solver toolkit: write a differentiable decision solver by stating an objective and a feasible set.
 *
 * <p>{@link org.taskmet.api.toolkit.ProjectedGradientSolver} maximizes a {@link
 * org.taskmet.api.toolkit.SmoothObjective} over a {@link org.taskmet.api.toolkit.ConvexSet} by projected
 * gradient ascent and differentiates the maximizer by implicit differentiation of its fixed-point condition
 * z = P(z + η∇obj(z, Ŷ)) (the idea of JAXopt's {@code custom_fixed_point}): the backward pass needs only the
 * objective's gradient, Hessian-vector product and mixed product, and the projection's Jacobian. Exact
 * projections are provided for boxes, simplices, capped simplices and budgets Σz ≤ B with per-item caps.
 *
 * <p>Everything here is plain Java with no dependency beyond the JDK, so a plugin jar that depends on
 * {@code taskmet-api} alone can use it.
 */
package org.taskmet.api.toolkit;
