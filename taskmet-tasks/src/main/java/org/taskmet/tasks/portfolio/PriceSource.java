package org.taskmet.tasks.portfolio;

import java.util.random.RandomGenerator;

/** Where the portfolio task's daily prices come from: the synthetic market or a CSV file. */
public interface PriceSource {
  /**
   * @param rng randomness for sources that simulate (seeded by the dataset seed); loaders ignore it
   * @throws IllegalArgumentException naming the file and line when a file is missing or malformed
   */
  PriceHistory load(RandomGenerator rng);

  /** A short description for logs and result files. */
  String describe();
}
