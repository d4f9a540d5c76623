package kiln.util.cycles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * CMSIS-NN's buffer-size formulas on a DSP core without MVE, with values worked out by hand from
 * arm_convolve_get_buffer_sizes_s8.c, arm_depthwise_conv_get_buffer_sizes_s8.c and
 * arm_avgpool_get_buffer_sizes_s8.c.
 */
class CmsisNnBuffersTest {
  @Test
  void convolutionIm2colBuffer() {
    // 3x3 over 8 channels: 72 columns (a multiple of 4), two int16 columns: 2 x 72 x 2
    assertThat(CmsisNnBuffers.convolveS8(1, 1, 1, 1, 8, 3, 3, 8)).isEqualTo(288);
    // 3x1 over 3 channels: 9 columns rounded up to 12: 2 x 12 x 2
    assertThat(CmsisNnBuffers.convolveS8(0, 0, 1, 1, 3, 3, 1, 3)).isEqualTo(48);
    // 1x1 without padding: nothing under GCC
    assertThat(CmsisNnBuffers.convolveS8(0, 0, 1, 1, 16, 1, 1, 16)).isZero();
    // 1x1 grouped (filter channels 8 of 16 inputs): the im2col path, 16 columns: 64
    assertThat(CmsisNnBuffers.convolveS8(0, 0, 1, 1, 16, 1, 1, 8)).isEqualTo(64);
    // int16: 2 x 4 x 3 x 3 int16s
    assertThat(CmsisNnBuffers.convolveS16(4, 3, 3)).isEqualTo(144);
  }

  @Test
  void depthwiseBuffer() {
    // 3x3 with padding <= 1 has its own kernel without a buffer
    assertThat(CmsisNnBuffers.depthwiseS8(1, 8, 8, 3, 3, 1, 1, 1, 1)).isZero();
    // 5x5 over 8 channels: 8 x 25 x 2
    assertThat(CmsisNnBuffers.depthwiseS8(1, 8, 8, 5, 5, 2, 2, 1, 1)).isEqualTo(400);
    // a depth multiplier (in 1, out 8) takes the generic kernel: nothing
    assertThat(CmsisNnBuffers.depthwiseS8(1, 1, 8, 5, 5, 0, 0, 1, 1)).isZero();
    assertThat(CmsisNnBuffers.averagePool(16)).isEqualTo(64);
  }

  @Test
  void samePaddingAsTflmComputesIt() {
    // in 10, 3-wide, stride 1, out 10: total 2, 1 before
    assertThat(CmsisNnBuffers.padBefore(true, 1, 1, 10, 3, 10)).isEqualTo(1);
    // in 10, 1-wide, stride 2, out 5: total -1 -> 0
    assertThat(CmsisNnBuffers.padBefore(true, 2, 1, 10, 1, 5)).isZero();
    // dilation 2 makes a 3-wide filter 5 wide: in 10, out 10, total 4, 2 before
    assertThat(CmsisNnBuffers.padBefore(true, 1, 2, 10, 3, 10)).isEqualTo(2);
    assertThat(CmsisNnBuffers.padBefore(false, 1, 1, 10, 3, 8)).isZero();
  }
}
