package kiln.nn;

import kiln.api.model.WeightSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Shared base of the convolution layers (Keras' BaseConv): the input check, the sliding-window output
 * size and the kernel and bias weight specs that Conv1D, Conv2D, DepthwiseConv2D, SeparableConv2D and
 * Conv2DTranspose build from their arguments in the same way.
 */
public abstract class BaseConv extends Layer {
  BaseConv(String className, Map<String, ?> kwargs) {
    super(className, kwargs);
  }

  /** The one input of a 2D convolution, (height, width, channels). */
  final int[] input2D(List<int[]> in) {
    return single(in, 3, "(height, width, channels)");
  }

  /** Output (height, width) from kernel_size, strides, dilation_rate and padding. */
  final int[] convolvedHW(int[] input) {
    return ConvMath.outputHW(this, input, getInts("kernel_size"), getInts("strides"), getInts("dilation_rate"),
        getString("padding"), "kernel");
  }

  /** A trainable weight whose initializer and regularizer are the arguments {@code <prefix>_initializer}, ... */
  final WeightSpec weight(String name, String argPrefix, int[] shape) {
    return new WeightSpec(name, shape, true, getString(argPrefix + "_initializer"), getMap(argPrefix + "_regularizer"));
  }

  /** These weights, then the bias [size] when use_bias is set. */
  final List<WeightSpec> withBias(int size, WeightSpec... kernels) {
    List<WeightSpec> w = new ArrayList<>(List.of(kernels));
    if (getBool("use_bias")) {
      w.add(weight("bias", "bias", new int[] {size}));
    }
    return w;
  }
}
