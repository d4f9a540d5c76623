package kiln.augment.tarsos;

import static org.assertj.core.api.Assertions.assertThat;

import be.tarsos.dsp.io.TarsosDSPAudioFloatConverter;
import be.tarsos.dsp.io.TarsosDSPAudioFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The 16-bit round trip without bytes against TarsosDSP's converter there and back. */
class QuantizeTest {

  @Test
  void sameAsTarsosDspsConverterBitForBit() {
    SplittableRandom r = new SplittableRandom(16);
    float[] x = new float[20000];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) ((r.nextDouble() - 0.5) * 2.6); // past full scale too: the 16 bits wrap
    }
    float[] edges = {0f, -0f, 1f, -1f, 1f / 32767, -1f / 32767, 0.5f / 32767, 1.0001f, -1.0001f, 2f, -2f,
        Float.MIN_VALUE, 0.99999f};
    System.arraycopy(edges, 0, x, 0, edges.length);

    TarsosDSPAudioFloatConverter c = TarsosDSPAudioFloatConverter.getConverter(
        new TarsosDSPAudioFormat(16000, 16, 1, true, false));
    byte[] bytes = new byte[2 * x.length];
    float[] expected = new float[x.length];
    c.toByteArray(x, 0, x.length, bytes, 0);
    c.toFloatArray(bytes, 0, expected, 0, x.length);

    float[] ours = x.clone();
    TarsosStretch.quantize16(ours, ours.length, new short[ours.length]);
    for (int i = 0; i < x.length; i++) {
      assertThat(Float.floatToRawIntBits(ours[i])).as("%s", x[i]).isEqualTo(Float.floatToRawIntBits(expected[i]));
    }
    // by hand: full scale stays (32767 / 32767), half a step rounds toward zero, 2.0 wraps to -2
    assertThat(ours[2]).isEqualTo(32767 * 3.051851E-5f);
    assertThat(ours[6]).isEqualTo(0f);
    assertThat(ours[9]).isEqualTo(-2 * 3.051851E-5f);
  }
}
