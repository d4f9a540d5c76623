package kiln.nn;

import java.util.List;
import java.util.Map;

/**
 * The last time step of a sequence: MLTK's {@code Lambda(lambda x: x[:, -1, :])} after an LSTM with
 * return_sequences (keyword_spotting_numbers). An input (T, C) gives (C). The converter writes it as
 * STRIDED_SLICE with the time axis shrunk.
 */
public final class LastTimeStep extends Layer {
  public LastTimeStep(Map<String, ?> kwargs) {
    super("LastTimeStep", kwargs);
  }

  public LastTimeStep() {
    this(Map.of());
  }

  @Override
  public int[] outputShape(List<int[]> in) {
    int[] s = single(in, 2, "(time steps, features)");
    return new int[] {s[1]};
  }
}
