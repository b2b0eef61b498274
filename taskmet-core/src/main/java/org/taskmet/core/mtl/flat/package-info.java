/**
 * Flatness: the SAM/ASAM perturbation, a SAM/ASAM wrapper around any optimizer, and task-based flat regions
 * (FS-MTL), which combines with every aggregator.
 */
package org.taskmet.core.mtl.flat;
