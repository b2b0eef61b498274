/** Conformance checks for {@link org.taskmet.api.Solver} plugins (finite differences, determinism, references). */
package org.taskmet.solvers.conformance;
