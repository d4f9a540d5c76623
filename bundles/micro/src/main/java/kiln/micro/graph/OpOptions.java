package kiln.micro.graph;

/**
 * The builtin options of an operator, flattened into one mutable holder with TFLite's defaults.
 * Only the fields the operator's kind uses are read.
 */
public final class OpOptions {
  /** TFLite Padding: 0 SAME, 1 VALID. */
  public static final int SAME = 0;
  public static final int VALID = 1;
  /** TFLite ActivationFunctionType values. */
  public static final int ACT_NONE = 0;
  public static final int ACT_RELU = 1;
  public static final int ACT_RELU_N1_TO_1 = 2;
  public static final int ACT_RELU6 = 3;
  public static final int ACT_TANH = 4;
  public static final int ACT_SIGN_BIT = 5;

  public int padding = SAME;
  public int strideW = 1;
  public int strideH = 1;
  public int dilationW = 1;
  public int dilationH = 1;
  public int filterW = 1;
  public int filterH = 1;
  public int depthMultiplier = 1;
  public int activation = ACT_NONE;
  public float beta = 1f;
  public float alpha = 0.2f;
  public boolean keepDims;
  public boolean keepNumDims;
  public int axis;
  public int beginMask;
  public int endMask;
  public int ellipsisMask;
  public int newAxisMask;
  public int shrinkAxisMask;
  public boolean offset;
  public int[] squeezeDims = new int[0];
  public int[] newShape;
  /** SVDF rank (filters per unit). */
  public int rank;
  /** UNIDIRECTIONAL_SEQUENCE_LSTM: cell and projection clips (0 none), input layout. */
  public float cellClip;
  public float projClip;
  public boolean timeMajor;
  /** CALL_ONCE: the subgraph to run once. */
  public int subgraph;
  /**
   * IF: the subgraphs run when the condition is true and when it is false; WHILE: the condition
   * and the body subgraphs.
   */
  public int thenSubgraph;
  public int elseSubgraph;
  /** VAR_HANDLE: the resource variable's container and shared name (null when not given). */
  public String container;
  public String sharedName;
  /** A custom op's options (flexbuffer bytes), null when absent. */
  public byte[] custom;
  /** FullyConnected weights format: 0 DEFAULT; anything else is unsupported. */
  public int weightsFormat;
  /**
   * The fields of an options table Kiln has no record for (SplitOptions, GatherOptions,
   * ResizeBilinearOptions, ...), by generated accessor name ({@code numSplits}); empty otherwise.
   */
  public java.util.Map<String, Object> fields = java.util.Map.of();

  /** Integer field {@code name} of {@link #fields}, or {@code otherwise} when absent. */
  public int intField(String name, int otherwise) {
    return fields.get(name) instanceof Number n ? n.intValue() : otherwise;
  }

  /** Boolean field {@code name} of {@link #fields}, false when absent. */
  public boolean boolField(String name) {
    return Boolean.TRUE.equals(fields.get(name));
  }
}
