package kiln.audio.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DcNotchFilterTest {
  /** MLTK's arithmetic as written in C: int16 difference, Q15 product rounded in two shifts. */
  static short[] literal(short[] in, int k) {
    short[] out = new short[in.length];
    int lastIn = 0;
    int lastOut = 0;
    for (int i = 0; i < in.length; i++) {
      int d = (short) (in[i] - lastIn);
      int p = k * lastOut;
      int y = (short) (d + (((p >> 14) + 1) >> 1));
      out[i] = (short) y;
      lastIn = in[i];
      lastOut = y;
    }
    return out;
  }

  @Test
  void oneShiftFormEqualsMltkArithmeticIncludingWrapAround() {
    SplittableRandom r = new SplittableRandom(4);
    int[] coefficients = {(short) (0.95f * 32768), (short) (0.5f * 32768), 32767, 1, 0, (short) (0.999f * 32768)};
    for (int k : coefficients) {
      for (int trial = 0; trial < 40; trial++) {
        short[] in = new short[4000];
        for (int i = 0; i < in.length; i++) {
          in[i] = (short) switch (trial % 4) {
            case 0 -> r.nextInt();
            case 1 -> r.nextBoolean() ? 32767 : -32768;
            case 2 -> r.nextInt(-100, 101) + (i / 500 % 2 == 0 ? 30000 : -30000);
            default -> (i / 7 % 2 == 0) ? 32767 : -32768;
          };
        }
        DcNotchFilter f = new DcNotchFilter(k);
        short[] out = new short[in.length];
        f.apply(in, 0, out, 0, 1234); // in two calls: the state carries over
        f.apply(in, 1234, out, 1234, in.length - 1234);
        assertThat(out).as("coefficient %d, trial %d", k, trial).isEqualTo(literal(in, k));
      }
    }
  }
}
