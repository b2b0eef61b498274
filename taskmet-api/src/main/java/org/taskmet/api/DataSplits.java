package org.taskmet.api;

/** The three splits a task produces for one dataset seed. Validation selects checkpoints; test is scored once. */
public record DataSplits(Dataset train, Dataset validation, Dataset test) {}
