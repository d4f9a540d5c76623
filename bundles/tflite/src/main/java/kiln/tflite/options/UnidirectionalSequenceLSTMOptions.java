package kiln.tflite.options;

/**
 * UNIDIRECTIONAL_SEQUENCE_LSTM options (TFLite schema table
 * {@code UnidirectionalSequenceLSTMOptions}: field 0 {@code fused_activation_function}, 1
 * {@code cell_clip}, 2 {@code proj_clip}, 3 {@code time_major}, 4
 * {@code asymmetric_quantize_inputs}, 5 {@code diagonal_recurrent_tensors}).
 *
 * @param activation the activation of the cell output (TANH in Keras LSTMs)
 * @param cellClip clip of the cell state, 0 for none
 * @param projClip clip of the projection, 0 for none
 * @param timeMajor input shaped [time, batch, features] instead of [batch, time, features]
 */
public record UnidirectionalSequenceLSTMOptions(Activation activation, float cellClip,
    float projClip, boolean timeMajor, boolean asymmetricQuantizeInputs,
    boolean diagonalRecurrentTensors) implements BuiltinOptions {
  public UnidirectionalSequenceLSTMOptions(Activation activation, float cellClip, float projClip,
      boolean timeMajor) {
    this(activation, cellClip, projClip, timeMajor, false, false);
  }

  @Override
  public String typeName() {
    return "UnidirectionalSequenceLSTMOptions";
  }
}
