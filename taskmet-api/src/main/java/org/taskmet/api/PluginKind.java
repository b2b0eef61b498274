package org.taskmet.api;

/** The kinds of plugin taskmet discovers, each with the type its provider creates. */
public enum PluginKind {
  TASK(Task.class),
  SOLVER(Solver.class),
  MODEL(Model.Factory.class),
  METRIC(MetricParameterization.Factory.class),
  METHOD(TrainingMethod.class),
  AGGREGATOR(GradientAggregator.class),
  ENVIRONMENT(Environment.class);

  private final Class<?> productType;

  PluginKind(Class<?> productType) {
    this.productType = productType;
  }

  /** The type {@link PluginProvider#create} returns for this kind. */
  public Class<?> productType() {
    return productType;
  }

  /** The lower-case name used on the command line and in config files. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
