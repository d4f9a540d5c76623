package kiln.augment.tarsos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Regression guard for reusing TarsosDSP's processors: the SHA-256 of the outputs (float bits and
 * lengths) of every speed of MLTK's 0.6..1.9 choices and every pitch shift from -3 to +3 semitones,
 * on clips of two lengths, each clip processed twice in a row (so state left over from an earlier
 * clip would show). The expected hashes were recorded from the code before the processors were
 * reused (commit "augment: golden batch hashes"), i.e. from TarsosDSP's own dispatcher,
 * WSOLA, converter and resampler; they hold for the scalar and the Vector API offset search alike.
 */
class TarsosGoldenTest {
  static final int RATE = 16000;

  static float[] clip(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 310 * i / RATE) + 0.2 * Math.sin(2 * Math.PI * 1210 * i / RATE)
          + 0.05 * (r.nextDouble() - 0.5));
    }
    return x;
  }

  @Test
  void speedOutputsAreUnchanged() throws Exception {
    boolean before = VectorSupport.enabled();
    for (boolean vector : paths()) {
      VectorSupport.setEnabled(vector);
      try {
        assertThat(speedHash()).as("vector search %s", vector)
            .isEqualTo("1cc2eb3f7e6544c0e79889894b1266ce907b5b9170ec19ddb70fdd416a8e7531");
      } finally {
        VectorSupport.setEnabled(before);
      }
    }
  }

  @Test
  void pitchOutputsAreUnchanged() throws Exception {
    boolean before = VectorSupport.enabled();
    for (boolean vector : paths()) {
      VectorSupport.setEnabled(vector);
      try {
        assertThat(pitchHash()).as("vector search %s", vector)
            .isEqualTo("fcc6002d1ca63169021c15055ef369a8954a9be500373dca15baca99ab72517b");
      } finally {
        VectorSupport.setEnabled(before);
      }
    }
  }

  /** The scalar search, and the vector one where the module is present. */
  private static boolean[] paths() {
    return VectorSupport.available() ? new boolean[] {false, true} : new boolean[] {false};
  }

  private static String speedHash() throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    for (int n : new int[] {16000, 11025}) {
      for (double speed : SpeedAugmenter.speeds(new double[] {0.6, 1.9})) {
        for (int rep = 0; rep < 2; rep++) {
          put(md, TarsosStretch.timeStretch(clip(n, n + rep), RATE, speed));
        }
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static String pitchHash() throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    for (int n : new int[] {16000, 11025}) {
      for (int semitones = -3; semitones <= 3; semitones++) {
        for (int rep = 0; rep < 2; rep++) {
          float[] x = clip(n, 7 * n + rep);
          put(md, new PitchAugmenter().apply(x, RATE, Map.of("pitch_range", List.of(semitones, semitones)),
              new SplittableRandom(1)));
        }
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static void put(MessageDigest md, float[] v) {
    ByteBuffer buf = ByteBuffer.allocate(4 + v.length * 4);
    buf.putInt(v.length);
    for (float f : v) {
      buf.putInt(Float.floatToRawIntBits(f));
    }
    md.update(buf.array());
  }
}
