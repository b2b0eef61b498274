package org.example.newsvendor;

/**
 * Settings of the {@code newsvendor} task.
 *
 * @param stores rows of an instance (one store each)
 * @param products outputs per row: the demand of each product at the store
 * @param features features per store
 * @param trainInstances instances (days) in the training split
 * @param validationInstances instances in the validation split
 * @param testInstances instances in the test split
 * @param price selling price per unit
 * @param cost purchase cost per unit (below the price)
 * @param budget units that may be ordered per day over all stores and products
 * @param cap most units of one product one store may order
 * @param smoothing scale s of the logistic demand the training solver assumes around a prediction
 */
public record NewsvendorConfig(
    int stores, int products, int features, int trainInstances, int validationInstances, int testInstances,
    double price, double cost, double budget, double cap, double smoothing) {
  public static NewsvendorConfig defaults() {
    return new NewsvendorConfig(5, 3, 4, 200, 50, 100, 1.0, 0.3, 12.0, 4.0, 0.2);
  }

  /** Throws an {@link IllegalArgumentException} naming the first field out of range. */
  NewsvendorConfig validate() {
    require(stores >= 1 && products >= 1 && features >= 1, "stores, products and features must be >= 1");
    require(trainInstances >= 1 && validationInstances >= 1 && testInstances >= 1, "every split needs an instance");
    require(price > 0 && cost > 0 && cost < price, "need 0 < cost < price, got cost " + cost + ", price " + price);
    require(budget > 0 && cap > 0 && smoothing > 0, "budget, cap and smoothing must be > 0");
    return this;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("newsvendor: " + message);
    }
  }
}
