package org.taskmet.tasks.fashion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
  @TempDir Path dir;

  private static final byte[] PIXELS = {0, 1, 2, (byte) 200, (byte) 255, 7, 8, 9, 10, 11, 12, 13};

  @Test
  void readsPlainAndGzipFilesIdentically() throws Exception {
    byte[] content = IdxTestFiles.idxBytes(0x08, new int[] {2, 2, 3}, PIXELS);
    Path plain = IdxTestFiles.write(dir.resolve("images"), content, false);
    // gzip is detected from the content, not the name
    Path gzip = IdxTestFiles.write(dir.resolve("images-no-extension"), content, true);
    for (Path file : new Path[] {plain, gzip}) {
      IdxReader.IdxArray a = IdxReader.readImages(file);
      assertThat(a.dimensions()).containsExactly(2, 2, 3);
      assertThat(a.data()).isEqualTo(PIXELS);
      assertThat(a.unsigned(3)).isEqualTo(200);
      assertThat(a.unsigned(4)).isEqualTo(255);
    }
  }

  @Test
  void readsBigEndianDimensionsAboveOneByte() throws Exception {
    byte[] labels = new byte[300];
    Arrays.fill(labels, (byte) 4);
    Path file = IdxTestFiles.write(dir.resolve("labels.gz"), IdxTestFiles.idxBytes(0x08, new int[] {300}, labels), true);
    IdxReader.IdxArray a = IdxReader.readLabels(file);
    assertThat(a.dimensions()).containsExactly(300);
    assertThat(a.data()).hasSize(300).containsOnly((byte) 4);
  }

  @Test
  void rejectsMalformedFilesNamingTheFileAndTheProblem() throws Exception {
    Path wrongType = IdxTestFiles.write(dir.resolve("float.idx"),
        IdxTestFiles.idxBytes(0x0D, new int[] {1, 1, 1}, new byte[4]), false);
    assertThatThrownBy(() -> IdxReader.readImages(wrongType))
        .isInstanceOf(IdxReader.IdxFormatException.class)
        .hasMessageContaining(wrongType.toString()).hasMessageContaining("unsupported element type 0x0d");

    Path wrongRank = IdxTestFiles.write(dir.resolve("rank1.idx"),
        IdxTestFiles.idxBytes(0x08, new int[] {3}, new byte[3]), false);
    assertThatThrownBy(() -> IdxReader.readImages(wrongRank))
        .hasMessageContaining(wrongRank.toString()).hasMessageContaining("rank 1").hasMessageContaining("expected rank 3");

    byte[] badMagic = IdxTestFiles.idxBytes(0x08, new int[] {3}, new byte[3]);
    badMagic[0] = 0x12;
    Path magic = IdxTestFiles.write(dir.resolve("magic.idx"), badMagic, false);
    assertThatThrownBy(() -> IdxReader.readLabels(magic)).hasMessageContaining("bad magic number 0x12000801");

    byte[] full = IdxTestFiles.idxBytes(0x08, new int[] {2, 2, 3}, PIXELS);
    Path truncated = IdxTestFiles.write(dir.resolve("truncated.gz"), Arrays.copyOf(full, full.length - 1), true);
    assertThatThrownBy(() -> IdxReader.readImages(truncated))
        .hasMessageContaining(truncated.toString()).hasMessageContaining("ends early");

    byte[] longer = Arrays.copyOf(full, full.length + 2);
    Path trailing = IdxTestFiles.write(dir.resolve("trailing"), longer, false);
    assertThatThrownBy(() -> IdxReader.readImages(trailing)).hasMessageContaining("trailing bytes");

    assertThatThrownBy(() -> IdxReader.readLabels(dir.resolve("absent")))
        .isInstanceOf(NoSuchFileException.class).hasMessageContaining("absent");
  }

  /** A 16-byte header claiming 1 × 46340 × 46340 bytes (2.1 GB): an error after reading, not a 2 GB array. */
  @Test
  void aHeaderThatClaimsMoreThanTheFileHoldsAllocatesOnlyWhatIsRead() throws Exception {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    for (boolean gzip : new boolean[] {false, true, false, true}) { // the first two load the classes
      Path liar = IdxTestFiles.write(dir.resolve("liar" + gzip), IdxTestFiles.idxBytes(0x08,
          new int[] {1, 46340, 46340}, new byte[0]), gzip);
      long before = threads.getCurrentThreadAllocatedBytes();
      IdxReader.IdxFormatException error = null;
      try {
        IdxReader.readImages(liar);
      } catch (IdxReader.IdxFormatException e) {
        error = e;
      }
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;
      assertThat(error).isNotNull().hasMessage("invalid IDX file " + liar + ": file ends early (truncated download?): "
          + "the header announces 2147395600 elements, the file holds 0");
      assertThat(allocated).as("bytes allocated (buffers of the stream and the gzip decoder)").isLessThan(1 << 20);
    }
  }

  @Test
  void writerRoundTripsThroughTheReader() throws Exception {
    Path file = dir.resolve("roundtrip.gz");
    IdxWriter.write(file, new int[] {2, 2, 3}, PIXELS, true);
    IdxReader.IdxArray a = IdxReader.readImages(file);
    assertThat(a.dimensions()).containsExactly(2, 2, 3);
    assertThat(a.data()).isEqualTo(PIXELS);
    assertThatThrownBy(() -> IdxWriter.write(file, new int[] {5}, PIXELS, false))
        .hasMessageContaining("dimensions hold 5 values but data has 12");
  }
}
