package kiln.tflite.options;

/**
 * The builtin options of an operator. Kiln has a record for the options tables its runtime,
 * quantizer and profiler use; every other options table reads as {@link GenericOptions} and is
 * written back unchanged.
 */
public sealed interface BuiltinOptions
    permits Conv2DOptions, DepthwiseConv2DOptions, FullyConnectedOptions, Pool2DOptions,
        SoftmaxOptions, ReshapeOptions, AddOptions, SubOptions, MulOptions, DivOptions,
        ConcatenationOptions, ReducerOptions, SqueezeOptions, StridedSliceOptions,
        TransposeConvOptions, LeakyReluOptions, SVDFOptions, UnidirectionalSequenceLSTMOptions,
        GenericOptions {

  /** The name of the options table in the TFLite schema ({@code Conv2DOptions}). */
  String typeName();
}
