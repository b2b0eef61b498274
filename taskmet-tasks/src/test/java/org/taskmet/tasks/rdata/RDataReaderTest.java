package org.taskmet.tasks.rdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RDataReaderTest {
  @TempDir Path dir;

  /** list(data = 3×2 double matrix, info = character matrix with an NA, n = 1:4, flag = NA) like stockdata. */
  private static byte[] stockLikeStream(RStreamWriter w) {
    Map<String, Runnable> elements = new LinkedHashMap<>();
    elements.put("data", () -> w.doubles(new double[] {1, 2, 3, 4.5, 5.5, Double.NaN},
        Map.of("dim", () -> w.integers(new int[] {3, 2}, Map.of()))));
    elements.put("info", () -> w.strings(new String[] {"MMM", null, "Zürich AG", "Industrials"},
        Map.of("dim", () -> w.integers(new int[] {2, 2}, Map.of()))));
    elements.put("n", () -> w.compactIntSeq(4, 1));
    elements.put("flag", () -> w.logicals(new int[] {RObject.Integers.NA, 1}));
    Map<String, Runnable> top = new LinkedHashMap<>();
    top.put("stockdata", () -> w.namedList(elements, Map.of()));
    top.put("second", () -> w.integers(new int[] {7}, Map.of("names", () -> w.strings(new String[] {"x"}, Map.of()))));
    w.pairList(top);
    return w.bytes();
  }

  private static void checkStockLike(Map<String, RObject> objects) {
    assertThat(objects).containsOnlyKeys("stockdata", "second");
    RObject.GenericVector list = (RObject.GenericVector) objects.get("stockdata");
    assertThat(list.names()).containsExactly("data", "info", "n", "flag");
    RObject.Doubles data = (RObject.Doubles) list.get("data").orElseThrow();
    assertThat(data.dim()).containsExactly(3, 2);
    assertThat(data.values()).startsWith(1, 2, 3, 4.5, 5.5);
    assertThat(data.values()[5]).isNaN();
    RObject.Strings info = (RObject.Strings) list.get("info").orElseThrow();
    assertThat(info.values()).containsExactly("MMM", null, "Zürich AG", "Industrials");
    assertThat(((RObject.Integers) list.get("n").orElseThrow()).values()).containsExactly(1, 2, 3, 4);
    assertThat(((RObject.Logicals) list.get("flag").orElseThrow()).values()).containsExactly(RObject.Integers.NA, 1);
    // the 'names' symbol of the second object is a back-reference to the first one's
    assertThat(objects.get("second").names()).containsExactly("x");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bzip2", "gzip", "none"})
  void readsRdaFilesInEveryCompression(String compression) throws IOException {
    Path f = RStreamWriter.writeRda(dir.resolve("x.rda"), stockLikeStream(RStreamWriter.version3()), compression);
    checkStockLike(RDataFiles.readRda(f));
  }

  @Test
  void readsVersion2Streams() throws IOException {
    Path f = RStreamWriter.writeRda(dir.resolve("v2.rda"), stockLikeStream(RStreamWriter.version2()), "bzip2");
    checkStockLike(RDataFiles.readRda(f));
  }

  @Test
  void readsObjectsOfALazyLoadDatabase() throws IOException {
    RStreamWriter a = RStreamWriter.version3();
    a.doubles(new double[] {0.5, 5}, Map.of());
    RStreamWriter b = RStreamWriter.version3();
    b.strings(new String[] {"one", "two"}, Map.of());
    Map<String, byte[]> objects = new LinkedHashMap<>();
    objects.put("ratings", a.bytes());
    objects.put("titles", b.bytes());
    LazyLoadDatabase db = LazyLoadDatabase.open(RStreamWriter.writeLazyLoadDatabase(dir, "Rdata", objects));
    assertThat(db.names()).containsExactly("ratings", "titles");
    assertThat(((RObject.Doubles) db.read("ratings")).values()).containsExactly(0.5, 5);
    assertThat(((RObject.Strings) db.read("titles")).values()).containsExactly("one", "two");
    assertThatThrownBy(() -> db.read("nope")).hasMessageContaining("Rdata.rdb").hasMessageContaining("'nope'")
        .hasMessageContaining("ratings");
  }

  @Test
  void aLengthHeaderCannotMakeTheReaderAllocateMoreThanTheFileHolds() {
    // each header claims ~2^31 elements (16 GiB of doubles) in a stream of a few dozen bytes: allocating
    // first would throw OutOfMemoryError, not this message
    int huge = Integer.MAX_VALUE - 8;
    for (int type : new int[] {14, 13, 10, 16, 19}) {
      byte[] s = RStreamWriter.version3().integer(type).integer(huge).integer(0).integer(0).bytes();
      assertThatThrownBy(() -> RSerialization.parse(s, 0, "hostile.rds"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("hostile.rds").hasMessageContaining("only 8 remain");
    }
    byte[] string = RStreamWriter.version3().integer(9).integer(huge).bytes();
    assertThatThrownBy(() -> RSerialization.parse(string, 0, "s.rds")).hasMessageContaining("only 0 remain");
  }

  @Test
  void aLazyLoadChunkCannotDeclareMoreThanItInflatesTo() throws IOException {
    RStreamWriter a = RStreamWriter.version3();
    a.doubles(new double[] {1, 2, 3}, Map.of());
    Path rdx = RStreamWriter.writeLazyLoadDatabase(dir, "Rdata", Map.of("x", a.bytes()));
    byte[] rdb = Files.readAllBytes(dir.resolve("Rdata.rdb"));
    rdb[0] = 0x7f; // declares ~2 GiB uncompressed
    Files.write(dir.resolve("Rdata.rdb"), rdb);
    assertThatThrownBy(() -> LazyLoadDatabase.open(rdx).read("x")).hasMessageContaining("Rdata.rdb (object 'x')")
        .hasMessageContaining("declares");
  }

  @Test
  void aTruncatedFileIsAnErrorNamingTheFile() throws IOException {
    byte[] full = stockLikeStream(RStreamWriter.version3());
    for (int cut : new int[] {1, 10, 40, full.length / 2, full.length - 1}) {
      Path f = RStreamWriter.writeRda(dir.resolve("cut" + cut + ".rda"), Arrays.copyOf(full, cut), "none");
      assertThatThrownBy(() -> RDataFiles.readRda(f)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(f.toString());
    }
    Path bz = RStreamWriter.writeRda(dir.resolve("full.rda"), full, "bzip2");
    byte[] compressed = Files.readAllBytes(bz);
    Files.write(bz, Arrays.copyOf(compressed, compressed.length / 2));
    assertThatThrownBy(() -> RDataFiles.readRda(bz)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(bz.toString()).hasMessageContaining("bzip2");
  }

  @Test
  void unsupportedContentIsNamed() throws IOException {
    byte[] closure = RStreamWriter.version3().integer(3).bytes();
    assertThatThrownBy(() -> RSerialization.parse(closure, 0, "f.rds")).hasMessageContaining("type 3 (closure)");
    byte[] ascii = "A\n1\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> RSerialization.parse(ascii, 0, "a.rds")).hasMessageContaining("'A\\n'")
        .hasMessageContaining("XDR");
    Path notR = Files.writeString(dir.resolve("notes.rda"), "hello, this is text");
    assertThatThrownBy(() -> RDataFiles.readRda(notR)).hasMessageContaining("not an R data file");
    assertThatThrownBy(() -> RDataFiles.readRda(dir.resolve("missing.rda"))).isInstanceOf(NoSuchFileException.class);
    byte[] v9 = RStreamWriter.version2().bytes();
    v9[5] = 9;
    assertThatThrownBy(() -> RSerialization.parse(v9, 0, "v.rds")).hasMessageContaining("version 9");
  }

  @Test
  void deepNestingIsRejectedWithoutOverflowingTheStack() {
    RStreamWriter w = RStreamWriter.version3();
    for (int i = 0; i < 5000; i++) {
      w.integer(19).integer(1); // list(list(list(...)))
    }
    w.nil();
    assertThatThrownBy(() -> RSerialization.parse(w.bytes(), 0, "deep.rds")).hasMessageContaining("nested more than");
  }

  @Test
  void longPairlistsAreReadIteratively() {
    RStreamWriter w = RStreamWriter.version3();
    Map<String, Runnable> cells = new LinkedHashMap<>();
    for (int i = 0; i < 20_000; i++) {
      cells.put("v" + i, () -> w.logicals(new int[] {1}));
    }
    w.pairList(cells);
    RObject.PairList p = (RObject.PairList) RSerialization.parse(w.bytes(), 0, "long.rds");
    assertThat(p.values()).hasSize(20_000);
    assertThat(p.tags().get(19_999)).isEqualTo("v19999");
  }

  /** The Debian packages' files, when installed (CI installs them): the shapes the reference notes state. */
  @Test
  void readsTheInstalledPackageFiles() throws IOException {
    Path stock = Path.of("/usr/lib/R/site-library/huge/data/stockdata.rda");
    Path rdx = Path.of("/usr/lib/R/site-library/dslabs/data/Rdata.rdx");
    assumeTrue(Files.exists(stock) && Files.exists(rdx), "r-cran-huge and r-cran-dslabs are not installed");
    RObject.GenericVector sd = (RObject.GenericVector) RDataFiles.readRda(stock).get("stockdata");
    assertThat(sd.get("data").orElseThrow().dim()).containsExactly(1258, 452);
    assertThat(sd.get("info").orElseThrow().dim()).containsExactly(452, 3);
    RObject.GenericVector movielens = (RObject.GenericVector) LazyLoadDatabase.open(rdx).read("movielens");
    assertThat(movielens.names()).contains("userId", "movieId", "rating");
    assertThat(((RObject.Doubles) movielens.get("rating").orElseThrow()).values()).hasSize(100_004);
  }
}
