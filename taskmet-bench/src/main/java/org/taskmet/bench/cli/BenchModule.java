package org.taskmet.bench.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.taskmet.bench.sweep.SweepProfiles;
import org.taskmet.bench.sweep.TrialKinds;

/** Binds what the CLI commands need besides the plugins: the trial kinds and the sweep profiles on the class path. */
public final class BenchModule extends AbstractModule {
  @Provides
  @Singleton
  TrialKinds trialKinds() {
    return TrialKinds.discover();
  }

  @Provides
  @Singleton
  SweepProfiles sweepProfiles() {
    return SweepProfiles.discover();
  }
}
