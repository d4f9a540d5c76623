package kiln.micro.kernels;

import java.util.Map;
import java.util.function.Function;

/**
 * The sequence and state operators and their prepare steps: SVDF, UNIDIRECTIONAL_SEQUENCE_LSTM, and
 * resource variables with the subgraph that initialises them (VAR_HANDLE, READ_VARIABLE,
 * ASSIGN_VARIABLE, CALL_ONCE), IF and WHILE.
 */
final class SequenceOps {
  private SequenceOps() {}

  static void register(Map<String, Function<Prep, Kernel>> put) {
    put.put("SVDF", Svdf::prepare);
    put.put("UNIDIRECTIONAL_SEQUENCE_LSTM", UnidirectionalSequenceLstm::prepare);
    put.put("VAR_HANDLE", VarHandle::prepare);
    put.put("READ_VARIABLE", ReadVariable::prepare);
    put.put("ASSIGN_VARIABLE", AssignVariable::prepare);
    put.put("CALL_ONCE", CallOnce::prepare);
    put.put("IF", If::prepare);
    put.put("WHILE", While::prepare);
  }
}
