package org.taskmet.tasks.budget;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.taskmet.tasks.rdata.LazyLoadDatabase;
import org.taskmet.tasks.rdata.RObject;
import org.taskmet.tasks.rdata.RPackageFiles;

/**
 * Real click data for the budget task from Debian's {@code r-cran-dslabs} package: the {@code movielens}
 * data frame (MovieLens "latest-small", 2016: 100,004 ratings 0.5–5 of 9,066 movies by 671 users) in the
 * package's lazy-load database {@code dslabs/data/Rdata.rdx}/{@code .rdb}, read without R
 * ({@link LazyLoadDatabase}).
 *
 * <p><b>Mapping to click probabilities.</b> A dense block is cut from the sparse ratings: the {@code movies}
 * most-rated movies (channels) × the {@code users} users who rated most (ties by id). A movie "reaches" a
 * user with probability 1 when the user rated it at least {@code threshold} (a liked movie) and 0 otherwise,
 * unrated included: Y_ij = 1[rating_ij ≥ threshold]. With the defaults (500 movies × 100 users, threshold 4)
 * about 40 % of the block is rated and about 21 % of it is 1. Each instance then draws its 5 channels and 10
 * users with replacement from the block ({@link ClickMatrixSampler}, the reference's sampling).
 */
public final class MovieLensClicks implements ClickMatrixSource {
  static final String PACKAGE = "dslabs";
  static final String RELATIVE = "data/Rdata.rdx";
  static final String OBJECT = "movielens";

  private final Path rdx;
  private final double[] block;
  private final int movies;
  private final int users;
  private final double threshold;

  private MovieLensClicks(Path rdx, double[] block, int movies, int users, double threshold) {
    this.rdx = rdx;
    this.block = block;
    this.movies = movies;
    this.users = users;
    this.threshold = threshold;
  }

  /** The installed lazy-load index, when r-cran-dslabs is installed. */
  public static Optional<Path> installed() {
    return RPackageFiles.find(PACKAGE, RELATIVE);
  }

  /** Reads the installed package's data (or fails naming the Debian location and the install command). */
  public static MovieLensClicks readInstalled(int movies, int users, double threshold) {
    return read(installed().orElse(RPackageFiles.debianLocation(PACKAGE, RELATIVE)), movies, users, threshold);
  }

  /**
   * Reads {@code movielens} from the lazy-load database whose index is {@code rdx} and builds the block.
   *
   * @throws IllegalArgumentException naming the file (and how to install it) when it is missing or malformed,
   *     or when the data have fewer movies or users than requested
   */
  public static MovieLensClicks read(Path rdx, int movies, int users, double threshold) {
    if (!Files.isRegularFile(rdx)) {
      throw new IllegalArgumentException("budget: the MovieLens index " + rdx + " does not exist; install it with '"
          + RPackageFiles.installCommand(PACKAGE) + "' (or set the task's data=synthetic)");
    }
    return LOADED.computeIfAbsent(RPackageFiles.cacheKey(rdx) + "|" + movies + "|" + users + "|" + threshold,
        k -> load(rdx, movies, users, threshold));
  }

  /** Blocks by file and settings (read-only once built): every trial of a sweep builds the same one. */
  private static final Map<String, MovieLensClicks> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

  private static MovieLensClicks load(Path rdx, int movies, int users, double threshold) {
    RObject frame;
    try {
      frame = LazyLoadDatabase.open(rdx).read(OBJECT);
    } catch (IOException e) {
      throw new IllegalArgumentException("budget: cannot read " + rdx + ": " + e.getMessage() + "; reinstall it with '"
          + RPackageFiles.installCommand(PACKAGE) + "'", e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("budget: " + e.getMessage() + "; reinstall it with '"
          + RPackageFiles.installCommand(PACKAGE) + "'", e);
    }
    if (!(frame instanceof RObject.GenericVector df)) {
      throw malformed(rdx, "'movielens' is not a data frame");
    }
    int[] user = intColumn(rdx, df, "userId");
    int[] movie = intColumn(rdx, df, "movieId");
    if (!(df.get("rating").orElse(null) instanceof RObject.Doubles r) || r.values().length != user.length
        || movie.length != user.length) {
      throw malformed(rdx, "'movielens$rating' is not a double column as long as userId and movieId");
    }
    double[] rating = r.values();
    for (int k = 0; k < rating.length; k++) {
      if (!(rating[k] >= 0 && rating[k] <= 5)) {
        throw malformed(rdx, "rating " + (k + 1) + " is " + rating[k] + ", expected a value in [0, 5]");
      }
    }
    int[] topMovies = mostFrequent(movie, movies);
    int[] topUsers = mostFrequent(user, users);
    if (topMovies.length < movies || topUsers.length < users) {
      throw new IllegalArgumentException("budget: " + rdx + " has " + topMovies.length + " movies and "
          + topUsers.length + " users; the config asks for a block of " + movies + " movies x " + users + " users");
    }
    Map<Integer, Integer> row = position(topMovies);
    Map<Integer, Integer> col = position(topUsers);
    double[] block = new double[movies * users];
    for (int k = 0; k < rating.length; k++) {
      Integer i = row.get(movie[k]);
      Integer j = col.get(user[k]);
      if (i != null && j != null && rating[k] >= threshold) {
        block[i * users + j] = 1;
      }
    }
    return new MovieLensClicks(rdx, block, movies, users, threshold);
  }

  private static int[] intColumn(Path rdx, RObject.GenericVector df, String name) {
    if (!(df.get(name).orElse(null) instanceof RObject.Integers c)) {
      throw malformed(rdx, "'movielens$" + name + "' is not an integer column");
    }
    for (int v : c.values()) {
      if (v == RObject.Integers.NA) {
        throw malformed(rdx, "'movielens$" + name + "' has a missing value");
      }
    }
    return c.values();
  }

  /** Up to {@code k} distinct ids, most frequent first, ties by smaller id. */
  private static int[] mostFrequent(int[] ids, int k) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (int id : ids) {
      counts.merge(id, 1, Integer::sum);
    }
    return counts.entrySet().stream()
        .sorted(Comparator.<Map.Entry<Integer, Integer>>comparingInt(e -> -e.getValue()).thenComparing(Map.Entry::getKey))
        .limit(k).mapToInt(Map.Entry::getKey).toArray();
  }

  private static Map<Integer, Integer> position(int[] ids) {
    Map<Integer, Integer> out = new HashMap<>();
    IntStream.range(0, ids.length).forEach(i -> out.put(ids[i], i));
    return out;
  }

  private static IllegalArgumentException malformed(Path rdx, String what) {
    return new IllegalArgumentException("budget: " + rdx + " does not hold dslabs' movielens data: " + what
        + "; reinstall it with '" + RPackageFiles.installCommand(PACKAGE) + "'");
  }

  /** The movies × users block of 0/1 click probabilities (row-major, a copy). */
  public double[] block() {
    return block.clone();
  }

  /** Fraction of the block that is 1. */
  public double density() {
    return Arrays.stream(block).sum() / block.length;
  }

  @Override
  public List<double[]> draw(int count, int channels, int users, RandomGenerator rng) {
    return ClickMatrixSampler.draw(List.of(block), movies, this.users, count, channels, users, rng);
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "MovieLens latest-small (r-cran-dslabs %s): top %d movies x %d users, click = "
        + "rating >= %s, density %.3f", rdx, movies, users, threshold, density());
  }
}
