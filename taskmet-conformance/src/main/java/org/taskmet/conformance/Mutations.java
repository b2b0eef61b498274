package org.taskmet.conformance;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Mutations of a valid input for the property-based fuzz tests: bit flips, random bytes, deletions, duplications,
 * truncations, and insertions of the tokens that broke parsers before (brackets, huge and tiny numbers, hex floats,
 * a UTF-8 byte-order mark, NUL). Deterministic for a given random stream, so a failing case can be replayed.
 */
public final class Mutations {
  private static final String[] TOKENS = {"[", "]", "{", "}", ":", ": ", ",", "\n", "\n  ", " ", "-", "\"", "'", "#",
      "&a ", "*a", "!!int ", "? ", "|", ">", "1e309", "1e-320", "1e300", "-1", "0", "1.5", "2000000000",
      "99999999999999999999999", "0x1p-2", "0.5f", "NaN", "Infinity", "null", "~", "true", "\uFEFF", "\u0000", "é",
      "seeds", "kind", "axes", "base", "where", "task", "method", "seed", "items", "format", "parameters"};

  private Mutations() {}

  /** One to four mutations of {@code seed}. */
  public static byte[] mutate(byte[] seed, SplittableRandom rng) {
    byte[] b = seed.clone();
    int count = 1 + rng.nextInt(4);
    for (int m = 0; m < count; m++) {
      int at = b.length == 0 ? 0 : rng.nextInt(b.length);
      switch (rng.nextInt(7)) {
        case 0 -> {
          if (b.length > 0) {
            b[at] ^= (byte) (1 << rng.nextInt(8));
          }
        }
        case 1 -> {
          if (b.length > 0) {
            b[at] = (byte) rng.nextInt(256);
          }
        }
        case 2 -> b = splice(b, at, Math.min(b.length - at, rng.nextInt(1, 8)), new byte[0]);
        case 3 -> {
          int len = Math.min(b.length - at, rng.nextInt(1, 16));
          b = splice(b, at, 0, Arrays.copyOfRange(b, at, at + len));
        }
        case 4 -> b = Arrays.copyOf(b, at);
        default -> b = splice(b, at, rng.nextInt(3) == 0 ? Math.min(b.length - at, rng.nextInt(1, 6)) : 0,
            TOKENS[rng.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8));
      }
    }
    return b;
  }

  private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
    byte[] out = new byte[b.length - remove + insert.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
    return out;
  }
}
