package kiln.tflite.internal;

import com.google.flatbuffers.FlatBufferBuilder;
import kiln.tflite.options.Activation;
import kiln.tflite.options.AddOptions;
import kiln.tflite.options.BuiltinOptions;
import kiln.tflite.options.ConcatenationOptions;
import kiln.tflite.options.Conv2DOptions;
import kiln.tflite.options.DepthwiseConv2DOptions;
import kiln.tflite.options.DivOptions;
import kiln.tflite.options.FullyConnectedOptions;
import kiln.tflite.options.GenericOptions;
import kiln.tflite.options.LeakyReluOptions;
import kiln.tflite.options.MulOptions;
import kiln.tflite.options.Padding;
import kiln.tflite.options.Pool2DOptions;
import kiln.tflite.options.ReducerOptions;
import kiln.tflite.options.ReshapeOptions;
import kiln.tflite.options.SoftmaxOptions;
import kiln.tflite.options.SqueezeOptions;
import kiln.tflite.options.StridedSliceOptions;
import kiln.tflite.options.SubOptions;
import kiln.tflite.options.TransposeConvOptions;
import kiln.tflite.options.SVDFOptions;
import kiln.tflite.options.UnidirectionalSequenceLSTMOptions;
import kiln.tflite.schema.Operator;

/** Converts between the generated options tables and Kiln's typed options records. */
final class OptionsCodec {
  /** Prefix of the type name of an options union code this schema does not know. */
  static final String UNKNOWN_PREFIX = "BuiltinOptions#";

  private OptionsCodec() {}

  /** The union type code of an options type name, -1 when unknown. */
  static int typeCode(String typeName) {
    if (typeName.startsWith(UNKNOWN_PREFIX)) {
      try {
        return Integer.parseInt(typeName.substring(UNKNOWN_PREFIX.length()));
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    String[] names = kiln.tflite.schema.BuiltinOptions.names;
    for (int i = 1; i < names.length; i++) {
      if (names[i].equals(typeName)) {
        return i;
      }
    }
    return -1;
  }

  /** The operator's options, null when it has none. */
  static BuiltinOptions read(Operator op, String where) {
    int type = op.builtinOptionsType() & 0xff;
    if (type == 0) {
      return null;
    }
    String[] names = kiln.tflite.schema.BuiltinOptions.names;
    if (type >= names.length) {
      // a newer schema's options: keep the code, the fields cannot be interpreted
      return GenericOptions.empty(UNKNOWN_PREFIX + type);
    }
    String name = names[type];
    switch (name) {
      case "Conv2DOptions": {
        var o = table(op, new kiln.tflite.schema.Conv2DOptions(), where);
        return o == null ? null : new Conv2DOptions(padding(o.padding(), where), o.strideW(),
            o.strideH(), activation(o.fusedActivationFunction(), where), o.dilationWFactor(),
            o.dilationHFactor(), o.quantizedBiasType());
      }
      case "DepthwiseConv2DOptions": {
        var o = table(op, new kiln.tflite.schema.DepthwiseConv2DOptions(), where);
        return o == null ? null : new DepthwiseConv2DOptions(padding(o.padding(), where),
            o.strideW(), o.strideH(), o.depthMultiplier(),
            activation(o.fusedActivationFunction(), where), o.dilationWFactor(),
            o.dilationHFactor());
      }
      case "FullyConnectedOptions": {
        var o = table(op, new kiln.tflite.schema.FullyConnectedOptions(), where);
        return o == null ? null : new FullyConnectedOptions(
            activation(o.fusedActivationFunction(), where), o.weightsFormat(), o.keepNumDims(),
            o.asymmetricQuantizeInputs(), o.quantizedBiasType());
      }
      case "Pool2DOptions": {
        var o = table(op, new kiln.tflite.schema.Pool2DOptions(), where);
        return o == null ? null : new Pool2DOptions(padding(o.padding(), where), o.strideW(),
            o.strideH(), o.filterWidth(), o.filterHeight(),
            activation(o.fusedActivationFunction(), where));
      }
      case "SoftmaxOptions": {
        var o = table(op, new kiln.tflite.schema.SoftmaxOptions(), where);
        return o == null ? null : new SoftmaxOptions(o.beta());
      }
      case "ReshapeOptions": {
        var o = table(op, new kiln.tflite.schema.ReshapeOptions(), where);
        if (o == null) {
          return null;
        }
        int n = Bounds.length(o::newShapeLength, 4, o.getByteBuffer(), where + " new_shape");
        int[] shape = new int[n];
        for (int i = 0; i < n; i++) {
          shape[i] = o.newShape(i);
        }
        return new ReshapeOptions(shape);
      }
      case "AddOptions": {
        var o = table(op, new kiln.tflite.schema.AddOptions(), where);
        return o == null ? null : new AddOptions(activation(o.fusedActivationFunction(), where),
            o.potScaleInt16());
      }
      case "SubOptions": {
        var o = table(op, new kiln.tflite.schema.SubOptions(), where);
        return o == null ? null : new SubOptions(activation(o.fusedActivationFunction(), where),
            o.potScaleInt16());
      }
      case "MulOptions": {
        var o = table(op, new kiln.tflite.schema.MulOptions(), where);
        return o == null ? null : new MulOptions(activation(o.fusedActivationFunction(), where));
      }
      case "DivOptions": {
        var o = table(op, new kiln.tflite.schema.DivOptions(), where);
        return o == null ? null : new DivOptions(activation(o.fusedActivationFunction(), where));
      }
      case "ConcatenationOptions": {
        var o = table(op, new kiln.tflite.schema.ConcatenationOptions(), where);
        return o == null ? null : new ConcatenationOptions(o.axis(),
            activation(o.fusedActivationFunction(), where));
      }
      case "ReducerOptions": {
        var o = table(op, new kiln.tflite.schema.ReducerOptions(), where);
        return o == null ? null : new ReducerOptions(o.keepDims());
      }
      case "SqueezeOptions": {
        var o = table(op, new kiln.tflite.schema.SqueezeOptions(), where);
        if (o == null) {
          return null;
        }
        int n = Bounds.length(o::squeezeDimsLength, 4, o.getByteBuffer(), where + " squeeze_dims");
        int[] dims = new int[n];
        for (int i = 0; i < n; i++) {
          dims[i] = o.squeezeDims(i);
        }
        return new SqueezeOptions(dims);
      }
      case "StridedSliceOptions": {
        var o = table(op, new kiln.tflite.schema.StridedSliceOptions(), where);
        return o == null ? null : new StridedSliceOptions(o.beginMask(), o.endMask(),
            o.ellipsisMask(), o.newAxisMask(), o.shrinkAxisMask(), o.offset());
      }
      case "TransposeConvOptions": {
        var o = table(op, new kiln.tflite.schema.TransposeConvOptions(), where);
        return o == null ? null : new TransposeConvOptions(padding(o.padding(), where),
            o.strideW(), o.strideH(), activation(o.fusedActivationFunction(), where),
            o.quantizedBiasType());
      }
      case "LeakyReluOptions": {
        var o = table(op, new kiln.tflite.schema.LeakyReluOptions(), where);
        return o == null ? null : new LeakyReluOptions(o.alpha());
      }
      case "SVDFOptions": {
        var o = table(op, new kiln.tflite.schema.SVDFOptions(), where);
        return o == null ? null : new SVDFOptions(o.rank(),
            activation(o.fusedActivationFunction(), where), o.asymmetricQuantizeInputs());
      }
      case "UnidirectionalSequenceLSTMOptions": {
        var o = table(op, new kiln.tflite.schema.UnidirectionalSequenceLSTMOptions(), where);
        return o == null ? null : new UnidirectionalSequenceLSTMOptions(
            activation(o.fusedActivationFunction(), where), o.cellClip(), o.projClip(),
            o.timeMajor(), o.asymmetricQuantizeInputs(), o.diagonalRecurrentTensors());
      }
      default:
        return GenericTables.read(op, name, where);
    }
  }

  private static <T extends com.google.flatbuffers.Table> T table(Operator op, T obj,
      String where) {
    return op.builtinOptions(obj) == null ? null : obj;
  }

  private static Padding padding(byte code, String where) {
    Padding p = Padding.ofCode(code);
    if (p == null) {
      throw new Bounds.Corrupt(where + ": padding code " + code
          + " is not SAME (0) or VALID (1)");
    }
    return p;
  }

  private static Activation activation(byte code, String where) {
    Activation a = Activation.ofCode(code);
    if (a == null) {
      throw new Bounds.Corrupt(where + ": fused activation code " + code
          + " is not one of NONE, RELU, RELU_N1_TO_1, RELU6, TANH, SIGN_BIT (0-5)");
    }
    return a;
  }

  /** Writes the options table; returns its offset. */
  static int write(FlatBufferBuilder b, BuiltinOptions options) {
    if (options instanceof Conv2DOptions o) {
      return kiln.tflite.schema.Conv2DOptions.createConv2DOptions(b, (byte) o.padding().ordinal(),
          o.strideW(), o.strideH(), (byte) o.activation().ordinal(), o.dilationW(),
          o.dilationH(), (byte) o.quantizedBiasType());
    } else if (options instanceof DepthwiseConv2DOptions o) {
      return kiln.tflite.schema.DepthwiseConv2DOptions.createDepthwiseConv2DOptions(b,
          (byte) o.padding().ordinal(), o.strideW(), o.strideH(), o.depthMultiplier(),
          (byte) o.activation().ordinal(), o.dilationW(), o.dilationH());
    } else if (options instanceof FullyConnectedOptions o) {
      return kiln.tflite.schema.FullyConnectedOptions.createFullyConnectedOptions(b,
          (byte) o.activation().ordinal(), (byte) o.weightsFormat(), o.keepNumDims(),
          o.asymmetricQuantizeInputs(), (byte) o.quantizedBiasType());
    } else if (options instanceof Pool2DOptions o) {
      return kiln.tflite.schema.Pool2DOptions.createPool2DOptions(b, (byte) o.padding().ordinal(),
          o.strideW(), o.strideH(), o.filterWidth(), o.filterHeight(),
          (byte) o.activation().ordinal());
    } else if (options instanceof SoftmaxOptions o) {
      return kiln.tflite.schema.SoftmaxOptions.createSoftmaxOptions(b, o.beta());
    } else if (options instanceof ReshapeOptions o) {
      int[] shape = o.newShape();
      int v = shape.length == 0 ? 0
          : kiln.tflite.schema.ReshapeOptions.createNewShapeVector(b, shape);
      return kiln.tflite.schema.ReshapeOptions.createReshapeOptions(b, v);
    } else if (options instanceof AddOptions o) {
      return kiln.tflite.schema.AddOptions.createAddOptions(b, (byte) o.activation().ordinal(),
          o.potScaleInt16());
    } else if (options instanceof SubOptions o) {
      return kiln.tflite.schema.SubOptions.createSubOptions(b, (byte) o.activation().ordinal(),
          o.potScaleInt16());
    } else if (options instanceof MulOptions o) {
      return kiln.tflite.schema.MulOptions.createMulOptions(b, (byte) o.activation().ordinal());
    } else if (options instanceof DivOptions o) {
      return kiln.tflite.schema.DivOptions.createDivOptions(b, (byte) o.activation().ordinal());
    } else if (options instanceof ConcatenationOptions o) {
      return kiln.tflite.schema.ConcatenationOptions.createConcatenationOptions(b, o.axis(),
          (byte) o.activation().ordinal());
    } else if (options instanceof ReducerOptions o) {
      return kiln.tflite.schema.ReducerOptions.createReducerOptions(b, o.keepDims());
    } else if (options instanceof SqueezeOptions o) {
      int[] dims = o.squeezeDims();
      int v = dims.length == 0 ? 0
          : kiln.tflite.schema.SqueezeOptions.createSqueezeDimsVector(b, dims);
      return kiln.tflite.schema.SqueezeOptions.createSqueezeOptions(b, v);
    } else if (options instanceof StridedSliceOptions o) {
      return kiln.tflite.schema.StridedSliceOptions.createStridedSliceOptions(b, o.beginMask(),
          o.endMask(), o.ellipsisMask(), o.newAxisMask(), o.shrinkAxisMask(), o.offset());
    } else if (options instanceof TransposeConvOptions o) {
      return kiln.tflite.schema.TransposeConvOptions.createTransposeConvOptions(b,
          (byte) o.padding().ordinal(), o.strideW(), o.strideH(), (byte) o.activation().ordinal(),
          (byte) o.quantizedBiasType());
    } else if (options instanceof LeakyReluOptions o) {
      return kiln.tflite.schema.LeakyReluOptions.createLeakyReluOptions(b, o.alpha());
    } else if (options instanceof SVDFOptions o) {
      return kiln.tflite.schema.SVDFOptions.createSVDFOptions(b, o.rank(),
          (byte) o.activation().ordinal(), o.asymmetricQuantizeInputs());
    } else if (options instanceof UnidirectionalSequenceLSTMOptions o) {
      return kiln.tflite.schema.UnidirectionalSequenceLSTMOptions
          .createUnidirectionalSequenceLSTMOptions(b, (byte) o.activation().ordinal(),
              o.cellClip(), o.projClip(), o.timeMajor(), o.asymmetricQuantizeInputs(),
              o.diagonalRecurrentTensors());
    } else if (options instanceof GenericOptions g) {
      return GenericTables.write(b, g);
    }
    throw new IllegalArgumentException("unknown options " + options);
  }
}
