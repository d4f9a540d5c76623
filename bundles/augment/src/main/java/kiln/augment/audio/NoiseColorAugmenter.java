package kiln.augment.audio;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import kiln.api.KilnException;
import kiln.api.data.Augmenter;
import kiln.augment.SettingValues;
import org.osgi.service.component.annotations.Component;

/**
 * {@code noise_colors} with {@code noise_color_range}: adds coloured noise of a randomly chosen
 * colour. The noise is shaped in the frequency domain (power proportional to f^b: white b=0, pink
 * -1, brown -2, blue +1, violet +2, random phase), scaled to a peak of 1, then multiplied by a
 * factor drawn from {@code noise_color_range} (0 when the range is absent, as in MLTK). Each bin is
 * a complex normal (ziggurat draws) times the colour's amplitude; a half-size real inverse FFT
 * ({@link FloatRealInverseFft}) makes the clip.
 */
@Component(property = {"kiln.name=" + NoiseColorAugmenter.NAME, "kiln.domain=audio"})
public final class NoiseColorAugmenter implements Augmenter {
  public static final String NAME = "noise_colors";
  public static final String RANGE = "noise_color_range";
  public static final List<String> COLORS = List.of("white", "pink", "brown", "blue", "violet");

  @Override
  public String description() {
    return "adds white, pink, brown, blue or violet noise at a random level (noise_color_range)";
  }

  @Override
  public boolean enabled(Map<String, Object> settings) {
    return SettingValues.isSet(settings, NAME) && SettingValues.isSet(settings, RANGE);
  }

  @Override
  public float[] apply(float[] sample, int sampleRateHz, Map<String, Object> settings, SplittableRandom random) {
    List<String> colors = colors(settings);
    String color = colors.get(random.nextInt(colors.size()));
    double[] range = SettingValues.range(settings, RANGE);
    double factor = range == null ? 0 : Draw.uniform(random, range);
    if (factor == 0 || sample.length == 0) {
      return sample;
    }
    float[] noise = noise(color, sample.length, random);
    for (int i = 0; i < sample.length; i++) {
      sample[i] += (float) (factor * noise[i]);
    }
    return sample;
  }

  /** The colours a setting selects ({@code 'all'} for every colour), checked. */
  static List<String> colors(Map<String, Object> settings) {
    List<String> raw = SettingValues.strings(settings, NAME);
    if (raw.size() == 1 && raw.get(0).equalsIgnoreCase("all")) {
      return COLORS;
    }
    List<String> out = raw.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    for (String c : out) {
      if (!COLORS.contains(c)) {
        throw new KilnException("datagen setting noise_colors: unknown colour '" + c + "', expected one of " + COLORS + " or 'all'");
      }
    }
    return out;
  }

  /** Bin amplitudes by colour exponent and FFT length: the same for every clip, so made once. */
  private static final java.util.concurrent.ConcurrentHashMap<List<Double>, float[]> AMPLITUDES =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Amplitude of bins 0..n/2: ~ f^(exponent/2), which gives power ~ f^exponent. */
  private static float[] amplitudes(double exponent, int n) {
    float[] amps = new float[n / 2 + 1];
    for (int k = 1; k <= n / 2; k++) {
      amps[k] = (float) Math.pow(k, exponent / 2);
    }
    return amps;
  }

  /** Each thread's spectrum (bins 0..n/2) and output (even and odd samples) arrays, reused. */
  private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[4][0]);

  /**
   * {@code length} samples of the colour's noise with peak amplitude 1. In float arithmetic (the
   * output is float, and floats give the FFT's vector stages twice the lanes): the double version
   * it replaced is the tests' reference ({@code ReferenceNoise}).
   */
  static float[] noise(String color, int length, SplittableRandom random) {
    double exponent = switch (color) {
      case "white" -> 0;
      case "pink" -> -1;
      case "brown" -> -2;
      case "blue" -> 1;
      case "violet" -> 2;
      default -> throw new KilnException("unknown noise colour '" + color + "', expected one of " + COLORS);
    };
    int n = FloatFft.nextPowerOfTwo(Math.max(2, length));
    int h = n / 2;
    float[][] scratch = SCRATCH.get();
    if (scratch[2].length != h) {
      scratch[0] = new float[h + 1];
      scratch[1] = new float[h + 1];
      scratch[2] = new float[h];
      scratch[3] = new float[h];
    }
    float[] re = scratch[0];
    float[] im = scratch[1];
    re[0] = 0; // no DC; the loop below sets every other bin
    im[0] = 0;
    float[] amps = AMPLITUDES.computeIfAbsent(List.of(exponent, (double) n), key -> amplitudes(exponent, n));
    for (int k = 1; k <= h; k++) {
      float amp = amps[k];
      re[k] = amp * (float) Draw.normal(random);
      im[k] = k == h ? 0 : amp * (float) Draw.normal(random);
    }
    // the scale does not matter: the noise is scaled to a peak of 1 below
    float[] even = scratch[2];
    float[] odd = scratch[3];
    FloatRealInverseFft.of(n).inverseUnscaled(re, im, even, odd);
    // x[2m] = even[m], x[2m+1] = odd[m]; the clip takes the first length of them
    int evens = (length + 1) / 2;
    int odds = length / 2;
    float peak = 0;
    for (int m = 0; m < evens; m++) {
      peak = Math.max(peak, Math.abs(even[m]));
    }
    for (int m = 0; m < odds; m++) {
      peak = Math.max(peak, Math.abs(odd[m]));
    }
    float[] out = new float[length];
    // divided, not multiplied by 1 / peak: the peak sample comes out exactly +-1
    for (int m = 0; m < odds; m++) {
      out[2 * m] = even[m] / peak;
      out[2 * m + 1] = odd[m] / peak;
    }
    if (evens > odds) {
      out[length - 1] = even[evens - 1] / peak;
    }
    return out;
  }
}
