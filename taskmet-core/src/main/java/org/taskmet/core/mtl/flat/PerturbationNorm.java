package org.taskmet.core.mtl.flat;

/** How the per-task FS-MTL perturbation of the trunk and of the task's head is normalised (mtl.md §2.3). */
public enum PerturbationNorm {
  /** One norm over the concatenation [trunk; head], one radius ρ (the MultiMNIST code). */
  JOINT,
  /** Trunk and head each normalised to radius ρ on their own (the NYUv2/CityScapes/CelebA code). */
  SEPARATE
}
