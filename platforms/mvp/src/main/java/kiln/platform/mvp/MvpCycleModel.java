package kiln.platform.mvp;

import java.util.List;
import kiln.util.cycles.LayerGeometry;
import kiln.util.cycles.LinearCost;

/**
 * Estimated cycles of an op the MVP runs: the MVP's own cycles, and the cycles the Cortex-M33
 * spends around it (building and loading MVP programs, SAME-padding edge programs, chunking). An
 * estimate, not a simulation.
 *
 * <p>Each op has two formulas linear in their coefficients (accelerator side, CPU side), whose terms
 * follow how Silicon Labs' MVP kernels loop (multiply-accumulates, output elements, output pixels,
 * padded edge lines, filter taps, 2048-element chunks). The coefficients are fitted by non-negative
 * least squares on relative error to the layers the MVP ran in {@code fixtures/mvp/layers.csv} (12
 * MLTK reference models measured on an EFR32xG24 board: 94 conv_2d, 34 depthwise_conv_2d, 27
 * fully_connected, 27 add, 11 max_pool_2d, 5 average_pool_2d). One formula per op serves every
 * model. {@code MvpFitTest} re-runs the fit and checks these numbers (four significant digits);
 * {@code MvpLeaveOneModelOutTest} refits without each model in turn and prints how far off that
 * model's estimate then is.
 */
final class MvpCycleModel {
  /** Said in the accelerator's description: MVP ops costed with another op's measured formula. */
  static final String UNMEASURED_NOTE =
      "mul and transpose_conv on the MVP costed as add and conv_2d (not measured)";

  // conv_2d / transpose_conv. The MVP pairs input channels for parallel MACs when their count is
  // even; odd counts (1, 3, 7: first layers) run one MAC per step.
  static final LinearCost CONV_ACC = new LinearCost("mvp conv_2d accelerator",
      List.of("MAC (even input channels)", "MAC (odd input channels)", "output element", "call"),
      MvpCycleModel::convAccTerms,
      0.7242, 1.210, 3.490, 854.0);
  /** CPU: a call, one more MVP program per output line SAME padding clips, setup per filter tap. */
  static final LinearCost CONV_CPU = new LinearCost("mvp conv_2d cpu",
      List.of("call", "clipped output line", "filter tap"),
      g -> new double[] {1, g.clippedOutputLines(), (double) g.filterHeight() * g.filterWidth()},
      4790, 4308, 507.8);

  static final LinearCost DEPTHWISE_ACC = new LinearCost("mvp depthwise_conv_2d accelerator",
      List.of("MAC", "output pixel"),
      g -> new double[] {g.macs(), g.outputPixels()},
      1.184, 206.2);
  /**
   * CPU per output pixel grows with the channels up to a cap and is flat beyond; the fit picks the
   * cap among the measured channel counts.
   */
  static final int DEPTHWISE_CPU_CHANNEL_CAP = 48;
  static final LinearCost DEPTHWISE_CPU = new LinearCost("mvp depthwise_conv_2d cpu",
      List.of("call", "output pixel", "output pixel x channel (capped)"),
      g -> depthwiseCpuTerms(g, DEPTHWISE_CPU_CHANNEL_CAP),
      1170, 89.60, 28.51);

  // fully_connected, also on the large-input path (accumulation deeper than 1024/2048). That
  // path's extra CPU work is left out: only one measured layer (micro_speech's) took it.
  static final LinearCost FC_ACC = new LinearCost("mvp fully_connected accelerator",
      List.of("MAC", "output element", "call"),
      g -> new double[] {g.macs(), g.outputElements(), 1},
      1.498, 5.881, 15.10);
  static final LinearCost FC_CPU = new LinearCost("mvp fully_connected cpu",
      List.of("call"), g -> new double[] {1},
      2026);

  /** add, and mul by analogy (no mul was measured): elementwise in 2048-element chunks. */
  static final int CHUNK = 2048;
  static final LinearCost ADD_ACC = new LinearCost("mvp add accelerator",
      List.of("output element"), g -> new double[] {g.outputElements()},
      3.538);
  static final LinearCost ADD_CPU = new LinearCost("mvp add cpu",
      List.of("call", "2048-element chunk"),
      g -> new double[] {1, Math.ceil(g.outputElements() / (double) CHUNK)},
      1802, 898.3);

  static final LinearCost MAXPOOL_ACC = new LinearCost("mvp max_pool_2d accelerator",
      List.of("input element", "call"), g -> new double[] {g.inputElements(), 1},
      0.7484, 120.5);
  static final LinearCost MAXPOOL_CPU = new LinearCost("mvp max_pool_2d cpu",
      List.of("call", "channel"),
      g -> new double[] {1, LayerGeometry.channels(g.output(0))},
      6374, 678.2);

  static final LinearCost AVGPOOL_ACC = new LinearCost("mvp average_pool_2d accelerator",
      List.of("input element", "call"), g -> new double[] {g.inputElements(), 1},
      0.6065, 22.90);
  /** Global pools (1x1 output) need no per-output CPU rescaling. */
  static final LinearCost AVGPOOL_CPU = new LinearCost("mvp average_pool_2d cpu",
      List.of("call", "output element (not global)"),
      g -> new double[] {1, g.outputPixels() == 1 ? 0 : g.outputElements()},
      3955, 48.14);

  private MvpCycleModel() {}

  /** The accelerator-side formula of an op the MVP runs. */
  static LinearCost accelerator(String opcode) {
    return switch (opcode) {
      case "conv_2d", "transpose_conv" -> CONV_ACC;
      case "depthwise_conv_2d" -> DEPTHWISE_ACC;
      case "fully_connected" -> FC_ACC;
      case "add", "mul" -> ADD_ACC;
      case "max_pool_2d" -> MAXPOOL_ACC;
      case "average_pool_2d" -> AVGPOOL_ACC;
      default -> throw new IllegalArgumentException("the MVP does not run " + opcode);
    };
  }

  /** The CPU-side formula of an op the MVP runs. */
  static LinearCost cpu(String opcode) {
    return switch (opcode) {
      case "conv_2d", "transpose_conv" -> CONV_CPU;
      case "depthwise_conv_2d" -> DEPTHWISE_CPU;
      case "fully_connected" -> FC_CPU;
      case "add", "mul" -> ADD_CPU;
      case "max_pool_2d" -> MAXPOOL_CPU;
      case "average_pool_2d" -> AVGPOOL_CPU;
      default -> throw new IllegalArgumentException("the MVP does not run " + opcode);
    };
  }

  /** Every formula, accelerator then CPU side of each op. */
  static List<LinearCost> formulas() {
    return List.of(CONV_ACC, CONV_CPU, DEPTHWISE_ACC, DEPTHWISE_CPU, FC_ACC, FC_CPU, ADD_ACC,
        ADD_CPU, MAXPOOL_ACC, MAXPOOL_CPU, AVGPOOL_ACC, AVGPOOL_CPU);
  }

  /** {accelerator cycles, CPU cycles} of an op the MVP runs. */
  static double[] cycles(LayerGeometry g) {
    String op = g.layer().opcode();
    return new double[] {accelerator(op).cycles(g), cpu(op).cycles(g)};
  }

  static double[] convAccTerms(LayerGeometry g) {
    int[] w = g.input(1);
    int inChannels = LayerGeometry.channels(w.length == 4 ? w : g.input(0));
    boolean even = inChannels % 2 == 0;
    long macs = g.macs();
    return new double[] {even ? macs : 0, even ? 0 : macs, g.outputElements(), 1};
  }

  static double[] depthwiseCpuTerms(LayerGeometry g, int channelCap) {
    long pixels = g.outputPixels();
    int channels = LayerGeometry.channels(g.output(0));
    return new double[] {1, pixels, (double) pixels * Math.min(channels, channelCap)};
  }
}
