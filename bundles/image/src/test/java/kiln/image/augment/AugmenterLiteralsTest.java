package kiln.image.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The augmenters LiteralTransformsTest does not cover, on tiny images with values worked out by
 * hand; the random ones are checked with a fixed range (low == high) or against the draw a
 * same-seeded generator makes, and noise by its statistics on a large flat image.
 */
class AugmenterLiteralsTest {
  private static final ImageShape S = new ImageShape(3, 3, 1);
  private static final float[] IMG = {1, 2, 3, 4, 5, 6, 7, 8, 9};

  private static Map<String, Object> settings(ImageShape s, String mode, double cval) {
    Map<String, Object> m = new HashMap<>();
    m.put("fill_mode", mode);
    m.put("cval", cval);
    return s.into(m);
  }

  private static void assertClose(float[] out, float... want) {
    assertThat(out).hasSize(want.length);
    for (int i = 0; i < want.length; i++) {
      assertThat(out[i]).as("pixel %d", i).isCloseTo(want[i], within(1e-4f));
    }
  }

  @Test
  void zoomInByHalfInterpolatesAboutTheCentre() {
    // factor 0.5: output (r, c) reads input (0.5 r + 0.5, 0.5 c + 0.5), bilinear
    Map<String, Object> m = settings(S, "nearest", 0);
    m.put("zoom_range", List.of(0.5, 0.5));
    float[] out = new ZoomAugmenter().apply(IMG.clone(), 0, m, new SplittableRandom(1));
    assertClose(out, 3, 3.5f, 4, 4.5f, 5, 5.5f, 6, 6.5f, 7);
  }

  @Test
  void zoomOutByTwoReachesPastTheEdge() {
    // factor 2: output (r, c) reads input (2r - 1, 2c - 1); only the centre stays inside
    Map<String, Object> m = settings(S, "constant", 0);
    m.put("zoom_range", List.of(2.0, 2.0));
    float[] out = new ZoomAugmenter().apply(IMG.clone(), 0, m, new SplittableRandom(1));
    assertClose(out, 0, 0, 0, 0, 5, 0, 0, 0, 0);
  }

  @Test
  void shearOfThirtyDegreesMovesRowsByHalfAPixelPerColumn() {
    // rows 10, 20, 30 (constant along a row, so the cos(t) column scaling does not show):
    // output (r, c) reads row r - 0.5 (c - 1); nearest fill beyond the top and bottom
    float[] rows = {10, 10, 10, 20, 20, 20, 30, 30, 30};
    float[] out = ShearAugmenter.shear(rows, S, 30, settings(S, "nearest", 0));
    assertClose(out, 15, 10, 10, 25, 20, 15, 30, 30, 25);
  }

  @Test
  void shearAugmenterDrawsItsAngleFromTheRange() {
    Map<String, Object> m = settings(S, "nearest", 0);
    m.put("shear_range", 20.0);
    double angle = 20.0 * (2 * new SplittableRandom(5).nextDouble() - 1);
    float[] out = new ShearAugmenter().apply(IMG.clone(), 0, m, new SplittableRandom(5));
    assertClose(out, ShearAugmenter.shear(IMG, S, angle, m));
  }

  @Test
  void channelShiftClipsToTheImagesOwnRange() {
    assertClose(ChannelShiftAugmenter.shift(new float[] {10, 20, 30}, 15), 25, 30, 30);
    assertClose(ChannelShiftAugmenter.shift(new float[] {10, 20, 30}, -15), 10, 10, 15);
  }

  @Test
  void channelShiftAugmenterAddsOneValueWithinTheRange() {
    Map<String, Object> m = S.into(new HashMap<>());
    m.put("channel_shift_range", 4.0);
    float shift = (float) (4.0 * (2 * new SplittableRandom(9).nextDouble() - 1));
    float[] out = new ChannelShiftAugmenter().apply(new float[] {0, 50, 100}, 0, m, new SplittableRandom(9));
    assertThat(Math.abs(shift)).isLessThanOrEqualTo(4);
    assertThat(out[1]).isCloseTo(50 + shift, within(1e-4f));
  }

  @Test
  void contrastScalesEachChannelAboutItsMeanAndClips() {
    Map<String, Object> m = new ImageShape(1, 3, 1).into(new HashMap<>());
    m.put("contrast_range", List.of(2.0, 2.0));
    ContrastAugmenter a = new ContrastAugmenter();
    assertClose(a.apply(new float[] {100, 120, 140}, 0, m, new SplittableRandom(1)), 80, 120, 160);
    // mean 150: -150 and 350 clip to 0 and 255
    assertClose(a.apply(new float[] {0, 200, 250}, 0, m, new SplittableRandom(1)), 0, 250, 255);
    // two channels, interleaved: means 5 and 150
    Map<String, Object> two = new ImageShape(1, 2, 2).into(new HashMap<>());
    two.put("contrast_range", List.of(2.0, 2.0));
    assertClose(a.apply(new float[] {0, 100, 10, 200}, 0, two, new SplittableRandom(1)), 0, 50, 15, 250);
  }

  @Test
  void verticalFlipAugmenterMirrorsRowsOnATrueDraw() {
    Map<String, Object> m = S.into(new HashMap<>());
    m.put("vertical_flip", true);
    VerticalFlipAugmenter a = new VerticalFlipAugmenter();
    assertThat(a.enabled(m)).isTrue();
    SplittableRandom random = new SplittableRandom(3);
    SplittableRandom same = new SplittableRandom(3);
    int flipped = 0;
    for (int i = 0; i < 1000; i++) {
      float[] out = a.apply(IMG.clone(), 0, m, random);
      if (same.nextBoolean()) {
        flipped++;
        assertThat(out).containsExactly(7, 8, 9, 4, 5, 6, 1, 2, 3);
      } else {
        assertThat(out).containsExactly(IMG);
      }
    }
    assertThat(flipped).isBetween(440, 560);
  }

  @Test
  void fillModesOnAOnePixelShift() {
    // output (r, c) reads input (r, c - 1): column -1 is the fill
    assertThat(ShiftAugmenter.shift(IMG, S, 0, -1, settings(S, "constant", -1))).containsExactly(-1, 1, 2, -1, 4, 5, -1, 7, 8);
    assertThat(ShiftAugmenter.shift(IMG, S, 0, -1, settings(S, "nearest", 0))).containsExactly(1, 1, 2, 4, 4, 5, 7, 7, 8);
    // Keras' reflect (dcba|abcd) repeats the edge pixel, so one pixel out it equals nearest
    assertThat(ShiftAugmenter.shift(IMG, S, 0, -1, settings(S, "reflect", 0))).containsExactly(1, 1, 2, 4, 4, 5, 7, 7, 8);
    assertThat(ShiftAugmenter.shift(IMG, S, 0, -1, settings(S, "wrap", 0))).containsExactly(3, 1, 2, 6, 4, 5, 9, 7, 8);
    // output (r, c) reads input (r + 1, c): row 3 is the fill
    assertThat(ShiftAugmenter.shift(IMG, S, 1, 0, settings(S, "constant", 0))).containsExactly(4, 5, 6, 7, 8, 9, 0, 0, 0);
    assertThat(ShiftAugmenter.shift(IMG, S, 1, 0, settings(S, "nearest", 0))).containsExactly(4, 5, 6, 7, 8, 9, 7, 8, 9);
    assertThat(ShiftAugmenter.shift(IMG, S, 1, 0, settings(S, "reflect", 0))).containsExactly(4, 5, 6, 7, 8, 9, 7, 8, 9);
    assertThat(ShiftAugmenter.shift(IMG, S, 1, 0, settings(S, "wrap", 0))).containsExactly(4, 5, 6, 7, 8, 9, 1, 2, 3);
  }

  @Test
  void widthAndHeightShiftDrawAFractionOfTheSize() {
    // 0.5 of a width of 3: a shift uniform in +-1.5 columns
    Map<String, Object> m = settings(S, "nearest", 0);
    m.put("width_shift_range", 0.5);
    m.put("height_shift_range", 0.5);
    double d = 1.5 * (2 * new SplittableRandom(11).nextDouble() - 1);
    assertClose(new WidthShiftAugmenter().apply(IMG.clone(), 0, m, new SplittableRandom(11)),
        ShiftAugmenter.shift(IMG, S, 0, d, m));
    assertClose(new HeightShiftAugmenter().apply(IMG.clone(), 0, m, new SplittableRandom(11)),
        ShiftAugmenter.shift(IMG, S, d, 0, m));
  }

  private static float[] flat(int n, float v) {
    float[] x = new float[n];
    java.util.Arrays.fill(x, v);
    return x;
  }

  private static double[] meanAndVariance(float[] x, double scale) {
    double sum = 0;
    double sq = 0;
    for (float v : x) {
      sum += v / scale;
      sq += (v / scale) * (v / scale);
    }
    double mean = sum / x.length;
    return new double[] {mean, sq / x.length - mean * mean};
  }

  @Test
  void gaussNoiseHasVarianceOneHundredthOnTheUnitScale() {
    double[] mv = meanAndVariance(NoiseAugmenter.add(flat(100_000, 127.5f), "gauss", new SplittableRandom(1)), 255);
    assertThat(mv[0]).isCloseTo(0.5, within(0.002));
    assertThat(mv[1]).isCloseTo(0.01, within(0.0003));
  }

  @Test
  void speckleNoiseScalesWithThePixelAndLeavesBlackAlone() {
    // x + x g with g ~ N(0, 0.01): at x = 100/255 the sd is 10 levels
    double[] mv = meanAndVariance(NoiseAugmenter.add(flat(100_000, 100), "speckle", new SplittableRandom(2)), 1);
    assertThat(mv[0]).isCloseTo(100, within(0.2));
    assertThat(mv[1]).isCloseTo(100, within(3.0));
    assertThat(NoiseAugmenter.add(flat(10, 0), "speckle", new SplittableRandom(2))).containsOnly(0f);
  }

  @Test
  void poissonNoiseHasMeanAndVarianceOfTheLevel() {
    for (float level : new float[] {4, 100}) { // Knuth's method below 30, the normal approximation above
      double[] mv = meanAndVariance(NoiseAugmenter.add(flat(100_000, level), "poisson", new SplittableRandom(3)), 1);
      assertThat(mv[0]).as("mean at %s", level).isCloseTo(level, within(level * 0.01 + 0.02));
      assertThat(mv[1]).as("variance at %s", level).isCloseTo(level, within(level * 0.04));
    }
    float[] counts = NoiseAugmenter.add(flat(1000, 4), "poisson", new SplittableRandom(3));
    for (float v : counts) {
      assertThat(v).isEqualTo(Math.round(v)); // whole 8-bit levels
    }
  }

  @Test
  void saltAndPepperSetsFivePercentToBlackOrWhite() {
    float[] out = NoiseAugmenter.add(flat(100_000, 128), "s&p", new SplittableRandom(4));
    int black = 0;
    int white = 0;
    for (float v : out) {
      if (v == 0) {
        black++;
      } else if (v == 255) {
        white++;
      } else {
        assertThat(v).isEqualTo(128);
      }
    }
    // 5% of 100,000 = 5,000 (sd 69); half of them each way
    assertThat(black + white).isBetween(4_800, 5_200);
    assertThat(black).isBetween(2_300, 2_700);
  }

  @Test
  void noiseIsTheSameForTheSameSeed() {
    Map<String, Object> m = S.into(new HashMap<>());
    m.put("noise", List.of("gauss", "s&p"));
    NoiseAugmenter a = new NoiseAugmenter();
    assertThat(a.apply(IMG.clone(), 0, m, new SplittableRandom(8)))
        .containsExactly(a.apply(IMG.clone(), 0, m, new SplittableRandom(8)));
  }
}
