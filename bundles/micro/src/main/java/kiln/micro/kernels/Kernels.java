package kiln.micro.kernels;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/** The operators the micro runtime runs, by builtin name, and their prepare steps. */
public final class Kernels {
  private Kernels() {}

  private static final Map<String, Function<Prep, Kernel>> PREPARE = new TreeMap<>();

  static {
    PREPARE.put("CONV_2D", Conv2D::prepare);
    PREPARE.put("DEPTHWISE_CONV_2D", DepthwiseConv2D::prepare);
    PREPARE.put("FULLY_CONNECTED", FullyConnected::prepare);
    PREPARE.put("AVERAGE_POOL_2D", p -> Pool2D.prepare(p, true));
    PREPARE.put("MAX_POOL_2D", p -> Pool2D.prepare(p, false));
    PREPARE.put("RESHAPE", Movement::prepareCopy);
    PREPARE.put("SQUEEZE", Movement::prepareCopy);
    PREPARE.put("EXPAND_DIMS", Movement::prepareCopy);
    PREPARE.put("SOFTMAX", Softmax::prepare);
    PREPARE.put("LOGISTIC", p -> Elementwise.prepare(p, Elementwise.Kind.LOGISTIC));
    PREPARE.put("TANH", p -> Elementwise.prepare(p, Elementwise.Kind.TANH));
    PREPARE.put("RELU", p -> Elementwise.prepare(p, Elementwise.Kind.RELU));
    PREPARE.put("RELU6", p -> Elementwise.prepare(p, Elementwise.Kind.RELU6));
    PREPARE.put("LEAKY_RELU", p -> Elementwise.prepare(p, Elementwise.Kind.LEAKY_RELU));
    PREPARE.put("HARD_SWISH", p -> Elementwise.prepare(p, Elementwise.Kind.HARD_SWISH));
    PREPARE.put("ADD", p -> Binary.prepare(p, Binary.Kind.ADD));
    PREPARE.put("SUB", p -> Binary.prepare(p, Binary.Kind.SUB));
    PREPARE.put("MUL", p -> Binary.prepare(p, Binary.Kind.MUL));
    PREPARE.put("MEAN", Mean::prepare);
    PREPARE.put("PAD", Movement::preparePad);
    PREPARE.put("PADV2", Movement::preparePad);
    PREPARE.put("CONCATENATION", Movement::prepareConcatenation);
    PREPARE.put("TRANSPOSE_CONV", TransposeConv::prepare);
    PREPARE.put("STRIDED_SLICE", Movement::prepareStridedSlice);
    PREPARE.put("QUANTIZE", Quantize::prepareQuantize);
    PREPARE.put("DEQUANTIZE", Quantize::prepareDequantize);
    PREPARE.put("SHAPE", Movement::prepareShape);
    PREPARE.put("PACK", Movement::preparePack);
    ShapeOps.register(PREPARE);
    MathOps.register(PREPARE);
    ArrayOps.register(PREPARE);
    SequenceOps.register(PREPARE);
  }

  /** The names of the supported operators. */
  public static Set<String> supported() {
    return PREPARE.keySet();
  }

  public static boolean isSupported(String op) {
    return PREPARE.containsKey(op);
  }

  /** Validates an operator and returns its ready kernel; throws KilnException naming the op. */
  public static Kernel prepare(Prep p) {
    Function<Prep, Kernel> f = PREPARE.get(p.op.name());
    if (f == null) {
      throw p.fail("operator is not supported by the micro runtime (supported: "
          + String.join(", ", PREPARE.keySet()) + ")");
    }
    return f.apply(p);
  }
}
