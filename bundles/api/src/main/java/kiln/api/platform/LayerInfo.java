package kiln.api.platform;

import java.util.List;
import java.util.Map;

/**
 * What an accelerator needs to know about one op of a model to judge and cost it.
 *
 * @param index the op's index in the subgraph
 * @param opcode the builtin op name in lower case ({@code conv_2d})
 * @param inputShapes the shapes of the op's inputs (activation, weights, bias, ...), null for absent
 * @param inputTypes the element type names of the inputs ({@code int8}, {@code int32})
 * @param outputShapes the shapes of the outputs
 * @param outputTypes the element type names of the outputs
 * @param options the op's options ({@code padding}, {@code stride_w}, {@code activation}, ...)
 * @param ops the operation count (MLTK's conventions)
 * @param macs the multiply-accumulate count
 */
public record LayerInfo(
    int index,
    String opcode,
    List<int[]> inputShapes,
    List<String> inputTypes,
    List<int[]> outputShapes,
    List<String> outputTypes,
    Map<String, Object> options,
    long ops,
    long macs) {}
