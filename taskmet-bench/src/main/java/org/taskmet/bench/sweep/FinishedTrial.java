package org.taskmet.bench.sweep;

/**
 * A finished trial of a sweep, typed for its kind's report.
 *
 * @param trial the planned trial (its current labels)
 * @param spec the typed spec
 * @param result the typed result, read back from the result file
 * @param record the result file's content
 */
public record FinishedTrial<S, R>(Trial trial, S spec, R result, TrialRecord record) {}
