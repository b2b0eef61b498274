package org.taskmet.tasks.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskmet.api.DataSplits;
import org.taskmet.api.Instance;
import org.taskmet.api.Task;
import org.taskmet.conformance.InputFuzz;
import org.taskmet.tasks.rdata.RStreamWriter;

class MovieLensClicksTest {
  /** Mutations tried by each fuzz target (plus its seed). */
  static final int FUZZ_CASES = 400;
  /** Allocation allowed per fuzz case besides 64 bytes per input byte. */
  static final long FUZZ_ALLOCATION_SLACK = 16L << 20;

  @TempDir Path dir;

  /** One rating: user, movie, stars. */
  private record Rating(int user, int movie, double stars) {}

  /** A lazy-load database holding a movielens-like data frame (the columns the loader reads, plus a title). */
  private Path writeDatabase(List<Rating> ratings) throws IOException {
    return writeDatabase(ratings, "Rdata");
  }

  /** The same database, as {@code <base>.rdx} and {@code <base>.rdb}. */
  private Path writeDatabase(List<Rating> ratings, String base) throws IOException {
    int n = ratings.size();
    RStreamWriter w = RStreamWriter.version3();
    Map<String, Runnable> cols = new LinkedHashMap<>();
    cols.put("movieId", () -> w.integers(ratings.stream().mapToInt(Rating::movie).toArray(), Map.of()));
    cols.put("title", () -> w.strings(ratings.stream().map(r -> "Movie " + r.movie()).toArray(String[]::new), Map.of()));
    cols.put("userId", () -> w.integers(ratings.stream().mapToInt(Rating::user).toArray(), Map.of()));
    cols.put("rating", () -> w.doubles(ratings.stream().mapToDouble(Rating::stars).toArray(), Map.of()));
    Map<String, Runnable> attrs = new LinkedHashMap<>();
    attrs.put("row.names", () -> w.integers(new int[] {Integer.MIN_VALUE, -n}, Map.of()));
    attrs.put("class", () -> w.strings(new String[] {"data.frame"}, Map.of()));
    w.namedList(cols, attrs);
    RStreamWriter other = RStreamWriter.version3();
    other.doubles(new double[] {1, 2}, Map.of());
    Map<String, byte[]> objects = new LinkedHashMap<>();
    objects.put("heights", other.bytes());
    objects.put("movielens", w.bytes());
    return RStreamWriter.writeLazyLoadDatabase(dir, base, objects);
  }

  /** Users 1..6 and movies 10..16; user u rates movie m when (u + m) % 3 != 0, stars depend on both. */
  private static List<Rating> ratings() {
    List<Rating> out = new ArrayList<>();
    for (int u = 1; u <= 6; u++) {
      for (int m = 10; m <= 16; m++) {
        if ((u + m) % 3 != 0 || (u == 1 && m <= 12)) {
          out.add(new Rating(u, m, 0.5 + ((u * 7 + m) % 10) / 2.0));
        }
      }
    }
    return out;
  }

  @Test
  void theBlockHoldsTheMostActiveUsersAndMoviesAsLikedOrNot() throws IOException {
    List<Rating> ratings = ratings();
    Path rdx = writeDatabase(ratings);
    MovieLensClicks clicks = MovieLensClicks.read(rdx, 4, 3, 4.0);
    // recompute the block independently: counts, ties by id, then 1[stars ≥ 4]
    List<Integer> movies = topIds(ratings, true, 4);
    List<Integer> users = topIds(ratings, false, 3);
    double[] expected = new double[4 * 3];
    for (Rating r : ratings) {
      int i = movies.indexOf(r.movie());
      int j = users.indexOf(r.user());
      if (i >= 0 && j >= 0) {
        expected[i * 3 + j] = r.stars() >= 4 ? 1 : 0;
      }
    }
    assertThat(clicks.block()).containsExactly(expected);
    assertThat(clicks.describe()).contains(rdx.toString()).contains("4 movies x 3 users");
  }

  private static List<Integer> topIds(List<Rating> ratings, boolean movie, int k) {
    Map<Integer, Integer> counts = new java.util.TreeMap<>();
    for (Rating r : ratings) {
      counts.merge(movie ? r.movie() : r.user(), 1, Integer::sum);
    }
    List<Integer> ids = new ArrayList<>(counts.keySet());
    ids.sort((a, b) -> counts.get(b).equals(counts.get(a)) ? Integer.compare(a, b) : counts.get(b) - counts.get(a));
    return ids.subList(0, k);
  }

  @Test
  void theBudgetTaskSamplesInstancesFromTheBlock() throws IOException {
    Path rdx = writeDatabase(ratings());
    BudgetConfig d = BudgetConfig.defaults();
    BudgetConfig c = new BudgetConfig(d.channels(), d.users(), d.budget(), 12, 6, 9, "movielens", rdx.toString(), 5, 4,
        4, d.syntheticRank(), d.syntheticConcentration(), d.syntheticInstanceSpread(), d.syntheticOffsetMean(), 100,
        0.1, 0.9);
    Task task = new BudgetTaskProvider().create(c);
    assertThat(task.dataLabel()).isEqualTo("movielens");
    DataSplits a = task.generate(3);
    DataSplits b = task.generate(3);
    assertThat(a.test().size()).isEqualTo(9);
    for (int i = 0; i < a.train().size(); i++) {
      Instance in = a.train().get(i);
      assertThat(in.targets().shape()).isEqualTo("5x10");
      assertThat(java.util.Arrays.stream(in.targets().data()).allMatch(v -> v == 0 || v == 1)).isTrue();
      assertThat(in.features().data()).containsExactly(b.train().get(i).features().data());
    }
  }

  @Test
  void missingOrMalformedDataAreErrorsNamingTheFileAndTheInstallCommand() throws IOException {
    Path missing = dir.resolve("none/Rdata.rdx");
    assertThatThrownBy(() -> MovieLensClicks.read(missing, 5, 5, 4)).hasMessageContaining(missing.toString())
        .hasMessageContaining("apt-get install r-cran-dslabs");

    List<Rating> bad = new ArrayList<>(ratings());
    bad.set(3, new Rating(2, 11, 7.5));
    Path rdx = writeDatabase(bad);
    assertThatThrownBy(() -> MovieLensClicks.read(rdx, 2, 2, 4)).hasMessageContaining(rdx.toString())
        .hasMessageContaining("rating 4 is 7.5").hasMessageContaining("apt-get install r-cran-dslabs");

    Path ok = writeDatabase(ratings());
    assertThatThrownBy(() -> MovieLensClicks.read(ok, 50, 2, 4)).hasMessageContaining("7 movies")
        .hasMessageContaining("50 movies");

    byte[] rdb = java.nio.file.Files.readAllBytes(dir.resolve("Rdata.rdb"));
    java.nio.file.Files.write(dir.resolve("Rdata.rdb"), java.util.Arrays.copyOf(rdb, rdb.length - 20));
    assertThatThrownBy(() -> MovieLensClicks.read(ok, 2, 2, 4)).hasMessageContaining("Rdata")
        .hasMessageContaining("apt-get install r-cran-dslabs");
  }

  /**
   * Fuzz: lazy-load databases with a mutated index (lying offsets and lengths, truncated or nested lists) or
   * mutated data (the chunk's declared length, its zlib stream) give a block, or an error naming the database,
   * allocating at most {@value #FUZZ_ALLOCATION_SLACK} bytes plus 64 per byte of the two files. Each case has its
   * own file names, so the loader's per-file cache never answers for an earlier case.
   */
  @Test
  void mutatedLazyLoadDatabasesLoadOrNameTheFile() throws IOException {
    Path seedIndex = writeDatabase(ratings(), "seed");
    byte[] rdx = Files.readAllBytes(seedIndex);
    byte[] rdb = Files.readAllBytes(dir.resolve("seed.rdb"));
    byte[] index;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(rdx))) {
      index = in.readAllBytes();
    }
    int[] count = {0};
    int tried = InputFuzz.property("lazy-load index", FUZZ_CASES, List.of(index), (bytes, seed) -> {
      ByteArrayOutputStream gz = new ByteArrayOutputStream();
      try (OutputStream out = new GZIPOutputStream(gz)) {
        out.write(bytes);
      }
      loadsOrNamesTheFile("index" + count[0]++, gz.toByteArray(), rdb);
    });
    tried += InputFuzz.property("lazy-load data", FUZZ_CASES, List.of(rdb), (bytes, seed) ->
        loadsOrNamesTheFile("data" + count[0]++, rdx, bytes));
    assertThat(tried).isEqualTo(2 * (FUZZ_CASES + 1));
  }

  private void loadsOrNamesTheFile(String base, byte[] rdx, byte[] rdb) throws Exception {
    Path index = Files.write(dir.resolve(base + ".rdx"), rdx);
    Files.write(dir.resolve(base + ".rdb"), rdb);
    long allocated = InputFuzz.allocatedBytes(() -> {
      try {
        MovieLensClicks clicks = MovieLensClicks.read(index, 3, 3, 4);
        assertThat(clicks.block()).hasSize(9);
        assertThat(java.util.Arrays.stream(clicks.block()).allMatch(v -> v == 0 || v == 1)).isTrue();
      } catch (IllegalArgumentException e) {
        assertThat(e.getMessage()).startsWith("budget: ").contains(dir.resolve(base).toString());
      }
    });
    assertThat(allocated).as("bytes allocated").isLessThan(FUZZ_ALLOCATION_SLACK + 64L * (rdx.length + rdb.length));
  }

  @Test
  void dataChoiceIsValidated() {
    BudgetConfig d = BudgetConfig.defaults();
    assertThatThrownBy(() -> new BudgetConfig(5, 10, 2, 80, 20, 500, "yahoo", "", 500, 100, 4, 3, 10, 0.5, -1.5, 100,
        0.1, 0.9).validate()).hasMessageContaining("'data'").hasMessageContaining("movielens, synthetic, file");
    assertThat(d.resolvedData()).isEqualTo(MovieLensClicks.installed().isPresent() ? "movielens" : "synthetic");
  }

  /** The installed package (CI installs r-cran-dslabs): the default block has the density the notes give. */
  @Test
  void theInstalledDataGiveTheDocumentedBlock() {
    assumeTrue(MovieLensClicks.installed().isPresent(), "r-cran-dslabs is not installed");
    MovieLensClicks clicks = MovieLensClicks.readInstalled(500, 100, 0.5);
    // threshold 0.5: every rated pair is a click, so the density is the block's rating density (notes: 0.395)
    assertThat(clicks.density()).isBetween(0.38, 0.41);
    double liked = MovieLensClicks.readInstalled(500, 100, 4).density();
    assertThat(liked / clicks.density()).isBetween(0.5, 0.58); // notes: 54 % of the block's ratings are ≥ 4
  }
}
