/**
 * The {@link org.taskmet.api.GradientAggregator} plugins (kind AGGREGATOR): {@code ls}, {@code group-dro},
 * {@code lookahead-dro} (a reconstruction, see {@link org.taskmet.core.mtl.aggregate.LookaheadDro}),
 * {@code mgda}, {@code pcgrad}, {@code cagrad}, {@code imtl-g}, {@code nash-mtl}; each with a provider whose
 * config record holds the reference defaults. Every class states its scale convention; all but Nash-MTL
 * return directions on the sum-of-losses scale.
 */
package org.taskmet.core.mtl.aggregate;
