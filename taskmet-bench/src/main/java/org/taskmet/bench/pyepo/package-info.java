/**
 * The PyEPO benchmark suite ({@code taskmet reproduce --suite pyepo}): PyEPO's shortest path and knapsack with its
 * methods, and the TaskMet paper's DFL, LODL and TaskMet, as a sweep of {@code pyepo} trials scored by PyEPO's
 * regret metrics; its table (with PyEPO's published notebook values) and plots.
 */
package org.taskmet.bench.pyepo;
