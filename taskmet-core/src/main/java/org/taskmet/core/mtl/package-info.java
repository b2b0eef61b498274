/**
 * Multi-task learning: a shared trunk with one head per task ({@link org.taskmet.core.mtl.MultiTaskNetwork}),
 * per-task losses and gradients on the shared parameters ({@link org.taskmet.core.mtl.TaskGradients}, with the
 * Gram matrix), and one training step that hands an optimizer a full-length direction
 * ({@link org.taskmet.core.mtl.MultiTaskStep}: {@link org.taskmet.core.mtl.AggregatedStep} plain,
 * {@link org.taskmet.core.mtl.flat.FlatRegionStep} FS-MTL). The aggregators are in
 * {@link org.taskmet.core.mtl.aggregate}; flatness (SAM, ASAM, FS-MTL) in {@link org.taskmet.core.mtl.flat}.
 *
 * <pre>{@code
 * MultiTaskNetwork net = new MultiTaskNetwork(trunk, new int[] {10, 10}, true,
 *     List.of(TaskLosses.softmaxCrossEntropy(), TaskLosses.softmaxCrossEntropy()));
 * MultiTaskStep step = new AggregatedStep(net, new MgdaProvider().create(new MgdaProvider().defaultConfig()),
 *     HeadGradients.WEIGHTED);
 * MultiTaskUpdate u = step.compute(theta, MultiTaskBatch.shared(x, List.of(y1, y2)), rng);
 * adam.step(theta, u.gradient());
 * }</pre>
 */
package org.taskmet.core.mtl;
