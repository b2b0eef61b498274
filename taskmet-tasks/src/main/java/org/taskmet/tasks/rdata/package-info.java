/**
 * A reader for the subset of R's XDR serialization format that R data packages use for plain data:
 * {@code .rda} files ({@link org.taskmet.tasks.rdata.RDataFiles}) and lazy-load databases
 * ({@link org.taskmet.tasks.rdata.LazyLoadDatabase}, {@code Rdata.rdx}/{@code Rdata.rdb}). No R installation
 * is needed. Vectors (double, integer, logical, character, list), pairlists, symbols, attributes and the
 * compact/wrapper ALTREP forms are read into {@link org.taskmet.tasks.rdata.RObject}s; environments,
 * closures, S4 objects and byte code are rejected with an error naming the file.
 *
 * <p>Every length read from a file is checked against the bytes that remain before anything is
 * allocated, so a corrupt or hostile header cannot make the reader allocate more than the (decompressed)
 * file holds.
 */
package org.taskmet.tasks.rdata;
