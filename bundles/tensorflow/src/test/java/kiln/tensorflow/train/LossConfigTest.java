package kiln.tensorflow.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.tensorflow.EagerSession;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.junit.jupiter.api.Test;

/** Per-sample losses of three one-unit predictions against values worked out by hand. */
class LossConfigTest {
  /** labels 1, 0, 1; predictions 0.25, 0.5, 1.5. */
  private static float[] perSample(LossConfig loss) {
    try (EagerSession s = EagerSession.create()) {
      Ops tf = Ops.create(s);
      Operand<TFloat32> y = tf.constant(new float[][] {{1}, {0}, {1}});
      Operand<TFloat32> p = tf.constant(new float[][] {{0.25f}, {0.5f}, {1.5f}});
      TFloat32 out = (TFloat32) loss.perSample(tf, p, null, null, y, 2).asTensor();
      float[] r = new float[3];
      for (int i = 0; i < 3; i++) {
        r[i] = out.getFloat(i);
      }
      return r;
    }
  }

  @Test
  void meanAbsoluteError() {
    // |1 - 0.25|, |0 - 0.5|, |1 - 1.5|
    assertThat(perSample(LossConfig.parse("mae"))).containsExactly(new float[] {0.75f, 0.5f, 0.5f}, within(1e-6f));
  }

  @Test
  void contrastiveWithMarginOne() {
    // similar pairs pay max(1 - p, 0)^2: 0.75^2 and 0 (beyond the margin); the dissimilar pair pays p^2 = 0.25
    assertThat(perSample(LossConfig.parse("contrastive")))
        .containsExactly(new float[] {0.5625f, 0.25f, 0f}, within(1e-6f));
  }
}
