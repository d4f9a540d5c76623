package kiln.platform.cortexm;

import kiln.api.platform.LayerInfo;

/**
 * Estimated cycles of one TFLite Micro int8 op on a Cortex-M33 at 78 MHz (EFR32xG24 without its
 * accelerator), running CMSIS-NN style kernels. This is an estimate, not a simulation.
 *
 * <p>Convolutions, depthwise convolutions and fully connected layers follow CMSIS-NN's structure:
 * one kernel call, a multiply-accumulate loop ({@code SMLAD} on 16-bit widened operands, slowed by
 * flash wait states on the weights) and a per-output-element part (im2col share, per-channel
 * requantization, clamping and the store):
 *
 * <pre>cycles = CALL + MAC * MACs + OUTPUT * output elements</pre>
 *
 * The two coefficients were fitted (least squares on relative error) to the only CPU-only board
 * measurement published for the EFR32xG24, MLTK's image_example1 ({@code fixtures/mvp/layers.csv},
 * accelerator {@code none}: three conv_2d and one fully_connected layer; fit error under 3% on each).
 * Pooling costs a per-window-tap and per-output amount fitted to the same run's two average pools.
 * Elementwise ops, quantize, softmax, pad and the other ops TFLite Micro runs in plain C cost what
 * the same CPU measured for them on the MVP board (those ops ran on the CPU there): per-element and
 * per-call terms fitted to the 47 CPU-only layers of {@code layers.csv}. ADD and MUL have no CPU
 * measurement: they use an assumed 20 cycles per element (two requantizations).
 */
public final class CortexM33CycleModel {
  /** The EFR32xG24's Cortex-M33 clock. */
  public static final long CLOCK_HZ = 78_000_000L;

  // --- CMSIS-NN kernels, fitted to image_example1 on the CPU (accelerator none) ---
  /** Fixed cost of one CMSIS-NN kernel call (argument setup, buffer pointers); assumed. */
  static final double KERNEL_CALL = 1500;
  /** Cycles per multiply-accumulate; fitted. */
  static final double MAC = 2.88;
  /** Cycles per output element (im2col share, requantize, clamp, store); fitted. */
  static final double OUTPUT = 87.7;
  /** Pooling: per output element, and per window tap of each output element; fitted. */
  static final double POOL_CALL = 2000;
  static final double POOL_OUTPUT = 4.0;
  static final double POOL_TAP = 12.5;
  /** Elementwise ADD / MUL per element: no measurement, two requantizations assumed. */
  static final double ELEMENTWISE_CALL = 1500;
  static final double ELEMENTWISE = 20;

  // --- plain TFLite Micro kernels, fitted to the CPU side of the MVP board runs ---
  static final double QUANTIZE_CALL = 732;
  static final double QUANTIZE = 34.1;
  static final double DEQUANTIZE_CALL = 582;
  static final double DEQUANTIZE = 120.1;
  static final double SOFTMAX_CALL = 1046;
  static final double SOFTMAX = 728.5;
  static final double RESHAPE_CALL = 452;
  static final double RESHAPE = 5.0;
  /** LOGISTIC, and TANH by analogy (one measurement). */
  static final double LOGISTIC = 685.7;
  /** MEAN per input element (one measurement). */
  static final double MEAN = 160.5;
  /** PAD per output element. */
  static final double PAD = 20.6;
  static final double SHAPE = 369;
  static final double STRIDED_SLICE = 1700;
  static final double PACK = 916;
  /** Any other op: an assumed call cost plus a copy-like cost per output element. */
  static final double OTHER_CALL = 1000;
  static final double OTHER = 10;

  private CortexM33CycleModel() {}

  /** Estimated CPU cycles of {@code layer}. Never negative; unknown ops get a generic estimate. */
  public static double cycles(LayerInfo layer) {
    LayerGeometry g = new LayerGeometry(layer);
    long out = g.outputElements();
    long in = g.inputElements();
    return switch (layer.opcode()) {
      case "conv_2d", "depthwise_conv_2d", "fully_connected", "transpose_conv" ->
          KERNEL_CALL + MAC * macs(g) + OUTPUT * out;
      case "average_pool_2d", "max_pool_2d" ->
          POOL_CALL + out * (POOL_OUTPUT + POOL_TAP * (double) g.filterHeight() * g.filterWidth());
      case "add", "mul", "sub" -> ELEMENTWISE_CALL + ELEMENTWISE * out;
      case "quantize" -> QUANTIZE_CALL + QUANTIZE * in;
      case "dequantize" -> DEQUANTIZE_CALL + DEQUANTIZE * in;
      case "softmax" -> SOFTMAX_CALL + SOFTMAX * in;
      case "reshape", "squeeze", "expand_dims" -> RESHAPE_CALL + RESHAPE * in;
      case "logistic", "tanh" -> LOGISTIC * in;
      case "mean" -> MEAN * in;
      case "pad", "padv2" -> PAD * out;
      case "shape" -> SHAPE;
      case "strided_slice" -> STRIDED_SLICE;
      case "pack" -> PACK;
      default -> OTHER_CALL + OTHER * out;
    };
  }

  /**
   * Arena scratch of CMSIS-NN's convolution: the im2col buffer of two output columns widened to
   * int16, {@code 2 * 2 * kh * kw * in_channels} bytes; other kernels need none.
   */
  public static long scratchBytes(LayerInfo layer) {
    if (!layer.opcode().equals("conv_2d")) {
      return 0;
    }
    LayerGeometry g = new LayerGeometry(layer);
    int[] w = g.input(1);
    return w.length == 4 ? 4L * w[1] * w[2] * w[3] : 0;
  }

  /**
   * Multiply-accumulates of a convolution, depthwise convolution or fully connected layer, from its
   * shapes (weights {@code [out, kh, kw, in]}, {@code [1, kh, kw, out]} or {@code [out, in]}).
   */
  public static long macs(LayerGeometry g) {
    int[] w = g.input(1);
    long out = g.outputElements();
    return switch (g.layer().opcode()) {
      case "conv_2d" -> w.length == 4 ? (long) w[1] * w[2] * w[3] * out : 0;
      case "depthwise_conv_2d" -> w.length == 4 ? (long) w[1] * w[2] * out : 0;
      case "transpose_conv" ->
          w.length == 4 ? (long) w[1] * w[2] * w[0] * LayerGeometry.elements(g.input(2)) : 0;
      case "fully_connected" -> w.length == 2 ? (long) w[1] * out : 0;
      default -> 0;
    };
  }
}
