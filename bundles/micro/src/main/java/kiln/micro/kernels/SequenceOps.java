package kiln.micro.kernels;

import java.util.Map;
import java.util.function.Function;

/** The sequence operators (SVDF, UNIDIRECTIONAL_SEQUENCE_LSTM) and their prepare steps. */
final class SequenceOps {
  private SequenceOps() {}

  static void register(Map<String, Function<Prep, Kernel>> put) {
    put.put("SVDF", Svdf::prepare);
    put.put("UNIDIRECTIONAL_SEQUENCE_LSTM", UnidirectionalSequenceLstm::prepare);
  }
}
