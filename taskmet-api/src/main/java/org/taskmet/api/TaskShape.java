package org.taskmet.api;

/**
 * The sizes that fix a task's model and metric.
 *
 * @param items rows per instance (items, assets, channels)
 * @param features F, columns of {@link Instance#features()}
 * @param outputs n, columns of {@link Instance#targets()}: the prediction dimension the metric acts on
 */
public record TaskShape(int items, int features, int outputs) {
  public TaskShape {
    if (items < 1 || features < 1 || outputs < 1) {
      throw new IllegalArgumentException("task shape must be positive, got items=" + items + " features="
          + features + " outputs=" + outputs);
    }
  }
}
