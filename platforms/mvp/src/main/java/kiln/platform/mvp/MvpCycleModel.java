package kiln.platform.mvp;

import kiln.platform.cortexm.CortexM33CycleModel;
import kiln.platform.cortexm.LayerGeometry;

/**
 * Estimated cycles of an op the MVP runs: the MVP's own cycles, and the cycles the Cortex-M33
 * spends around it (building and loading MVP programs, SAME-padding edge programs, chunking). An
 * estimate, not a simulation.
 *
 * <p>How the coefficients were fitted: for each op, the formula's terms were chosen from how Silicon
 * Labs' MVP kernels loop (multiply-accumulates, output elements, output pixels, window taps, padded
 * edge lines, 2048-element chunks), then the coefficients were fitted by non-negative least squares
 * on relative error to the 246 layers in {@code fixtures/mvp/layers.csv} (12 MLTK reference models
 * measured on an EFR32xG24 board): 94 conv_2d, 34 depthwise_conv_2d, 27 fully_connected, 27 add, 11
 * max_pool_2d and 5 average_pool_2d layers. One formula per op serves every model; no model has its
 * own constant. {@code MvpCalibrationTest} re-checks the model-level error table against the
 * fixtures.
 */
final class MvpCycleModel {
  // conv_2d / transpose_conv. The MVP pairs input channels for parallel MACs when their count is
  // even; odd channel counts (1, 3, 7: first layers) run one MAC per step.
  static final double CONV_MAC_EVEN_CHANNELS = 0.724;
  static final double CONV_MAC_ODD_CHANNELS = 1.21;
  static final double CONV_OUTPUT = 3.49;
  static final double CONV_CALL = 854;
  // CPU: one call, one extra MVP program per output line whose window SAME padding clips, and
  // program setup per filter tap.
  static final double CONV_CPU_CALL = 4790;
  static final double CONV_CPU_CLIPPED_LINE = 4308;
  static final double CONV_CPU_TAP = 508;

  // depthwise_conv_2d
  static final double DEPTHWISE_MAC = 1.184;
  static final double DEPTHWISE_PIXEL = 206.2;
  // CPU: per output pixel, growing with channels up to 48 and flat beyond (empirical).
  static final double DEPTHWISE_CPU_CALL = 1170;
  static final double DEPTHWISE_CPU_PIXEL = 89.6;
  static final double DEPTHWISE_CPU_PIXEL_CHANNEL = 28.5;
  static final int DEPTHWISE_CPU_CHANNEL_CAP = 48;

  // fully_connected
  static final double FC_MAC = 1.50;
  static final double FC_OUTPUT = 5.93;
  static final double FC_CALL = 9.1;
  static final double FC_CPU_CALL = 2007;
  /** Extra CPU work of the large-input path (accumulation deeper than 1024/2048). */
  static final double FC_CPU_LARGE_INPUT = 3093;

  // add (mul assumed alike): 2048-element chunks
  static final double ADD_ELEMENT = 3.531;
  static final double ADD_CPU_CALL = 1802;
  static final double ADD_CPU_CHUNK = 898;
  static final int CHUNK = 2048;

  // max_pool_2d: per input element, slower for odd channel counts
  static final double MAXPOOL_INPUT_EVEN_CHANNELS = 0.714;
  static final double MAXPOOL_INPUT_ODD_CHANNELS = 1.477;
  static final double MAXPOOL_CALL = 163;
  static final double MAXPOOL_CPU_CALL = 6374;
  static final double MAXPOOL_CPU_CHANNEL = 678;

  // average_pool_2d: global pools (1x1 output) need no per-output CPU rescaling
  static final double AVGPOOL_INPUT = 0.598;
  static final double AVGPOOL_CALL = 64;
  static final double AVGPOOL_CPU_CALL = 3955;
  static final double AVGPOOL_CPU_OUTPUT = 48.1;

  private MvpCycleModel() {}

  /** {accelerator cycles, CPU cycles} of an op the MVP runs. */
  static double[] cycles(LayerGeometry g) {
    long out = g.outputElements();
    long in = g.inputElements();
    return switch (g.layer().opcode()) {
      case "conv_2d", "transpose_conv" -> {
        long macs = CortexM33CycleModel.macs(g);
        int[] w = g.input(1);
        int inChannels = LayerGeometry.channels(w.length == 4 ? w : g.input(0));
        double perMac = inChannels % 2 == 0 ? CONV_MAC_EVEN_CHANNELS : CONV_MAC_ODD_CHANNELS;
        double acc = perMac * macs + CONV_OUTPUT * out + CONV_CALL;
        double cpu =
            CONV_CPU_CALL
                + CONV_CPU_CLIPPED_LINE * g.clippedOutputLines()
                + CONV_CPU_TAP * g.filterHeight() * g.filterWidth();
        yield new double[] {acc, cpu};
      }
      case "depthwise_conv_2d" -> {
        long pixels = g.outputPixels();
        int channels = LayerGeometry.channels(g.output(0));
        double acc = DEPTHWISE_MAC * CortexM33CycleModel.macs(g) + DEPTHWISE_PIXEL * pixels;
        double cpu =
            DEPTHWISE_CPU_CALL
                + DEPTHWISE_CPU_PIXEL * pixels
                + DEPTHWISE_CPU_PIXEL_CHANNEL
                    * pixels
                    * Math.min(channels, DEPTHWISE_CPU_CHANNEL_CAP);
        yield new double[] {acc, cpu};
      }
      case "fully_connected" -> {
        int[] w = g.input(1);
        int depth = w.length == 2 ? w[1] : 0;
        boolean large = depth > MvpSupportRules.maxAccumulationDepth(depth);
        double acc = FC_MAC * CortexM33CycleModel.macs(g) + FC_OUTPUT * out + FC_CALL;
        double cpu = FC_CPU_CALL + (large ? FC_CPU_LARGE_INPUT : 0);
        yield new double[] {acc, cpu};
      }
      case "add", "mul" ->
          new double[] {
            ADD_ELEMENT * out, ADD_CPU_CALL + ADD_CPU_CHUNK * Math.ceil(out / (double) CHUNK)
          };
      case "max_pool_2d" -> {
        int channels = LayerGeometry.channels(g.output(0));
        double perInput =
            channels % 2 == 0 ? MAXPOOL_INPUT_EVEN_CHANNELS : MAXPOOL_INPUT_ODD_CHANNELS;
        yield new double[] {
          perInput * in + MAXPOOL_CALL, MAXPOOL_CPU_CALL + MAXPOOL_CPU_CHANNEL * channels
        };
      }
      case "average_pool_2d" -> {
        boolean global = g.outputPixels() == 1;
        yield new double[] {
          AVGPOOL_INPUT * in + AVGPOOL_CALL, AVGPOOL_CPU_CALL + (global ? 0 : AVGPOOL_CPU_OUTPUT * out)
        };
      }
      default -> new double[] {0, CortexM33CycleModel.cycles(g.layer())};
    };
  }
}
