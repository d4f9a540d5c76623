package kiln.image.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Known images through each transform, checked value by value. */
class LiteralTransformsTest {
  private static final ImageShape S = new ImageShape(3, 3, 1);
  private static final float[] IMG = {1, 2, 3, 4, 5, 6, 7, 8, 9};

  private static Map<String, Object> fill(String mode, double cval) {
    Map<String, Object> m = new HashMap<>();
    m.put("fill_mode", mode);
    m.put("cval", cval);
    return S.into(m);
  }

  @Test
  void horizontalFlipMirrorsColumns() {
    assertThat(FlipAugmenter.flip(IMG, S, true)).containsExactly(3, 2, 1, 6, 5, 4, 9, 8, 7);
    assertThat(FlipAugmenter.flip(IMG, S, false)).containsExactly(7, 8, 9, 4, 5, 6, 1, 2, 3);
  }

  @Test
  void ninetyDegreeRotationIsExact() {
    // Keras' convention: output (r, c) reads input (2 - c, r) about the centre
    float[] out = RotationAugmenter.rotate(IMG, S, 90, fill("nearest", 0));
    float[] want = {7, 4, 1, 8, 5, 2, 9, 6, 3};
    for (int i = 0; i < want.length; i++) {
      assertThat(out[i]).as("pixel %d", i).isCloseTo(want[i], within(1e-4f));
    }
  }

  @Test
  void shiftWithConstantFillUsesCval() {
    float[] out = ShiftAugmenter.shift(IMG, S, 0, 1, fill("constant", -1));
    assertThat(out).containsExactly(2, 3, -1, 5, 6, -1, 8, 9, -1);
    float[] down = ShiftAugmenter.shift(IMG, S, -1, 0, fill("constant", 0));
    assertThat(down).containsExactly(0, 0, 0, 1, 2, 3, 4, 5, 6);
  }

  @Test
  void fillModesBeyondTheEdge() {
    assertThat(ShiftAugmenter.shift(IMG, S, 0, 2, fill("nearest", 0))).containsExactly(3, 3, 3, 6, 6, 6, 9, 9, 9);
    assertThat(ShiftAugmenter.shift(IMG, S, 0, 2, fill("wrap", 0))).containsExactly(3, 1, 2, 6, 4, 5, 9, 7, 8);
    assertThat(ShiftAugmenter.shift(IMG, S, 0, 2, fill("reflect", 0))).containsExactly(3, 3, 2, 6, 6, 5, 9, 9, 8);
  }

  @Test
  void brightnessScalesAKnownPixelAndClips() {
    assertThat(BrightnessAugmenter.brighten(new float[] {100, 200}, 1.5)).containsExactly(150, 255);
    assertThat(BrightnessAugmenter.brighten(new float[] {100}, 0.5)).containsExactly(50);
  }
}
