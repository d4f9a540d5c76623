package kiln.micro.graph;

/**
 * One operator of a model.
 *
 * @param index position in the subgraph's execution order
 * @param name the builtin operator's name (e.g. {@code CONV_2D}), or a custom code
 * @param inputs tensor indices (-1 for an omitted optional input)
 * @param outputs tensor indices
 * @param options builtin options
 */
public record OpInfo(int index, String name, int[] inputs, int[] outputs, OpOptions options) {}
