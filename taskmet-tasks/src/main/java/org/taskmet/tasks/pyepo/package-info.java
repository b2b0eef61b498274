/**
 * PyEPO's synthetic predict-then-optimize tasks (Tang &amp; Khalil, PyEPO; formulas of {@code pyepo.data}):
 * shortest path on an h×w grid ({@code shortest-path}) and the multi-dimensional 0/1 knapsack
 * ({@code knapsack}), with PyEPO's parameter names, generator formulas and arc order. Java cannot reproduce
 * numpy's random stream, so the data are equal to PyEPO's in distribution, not value by value; the tests
 * check moments, quantiles and the mean optimal objective against numpy and SciPy references.
 */
package org.taskmet.tasks.pyepo;
