package kiln.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reshapes to target_shape (no batch dimension; one -1 is inferred). With {@code dynamic_batch}
 * true the exported file reads the batch size at run time (SHAPE, STRIDED_SLICE, PACK before the
 * RESHAPE) as TensorFlow's converter wrote Keras Reshape layers in some of MLTK's published models;
 * by default the shape is a constant (one RESHAPE).
 */
public final class Reshape extends Layer {
  public Reshape(Map<String, ?> kwargs) {
    super("Reshape", kwargs);
  }

  public Reshape(int... targetShape) {
    this(Args.kw("target_shape", targetShape));
  }

  @Override
  public int[] outputShape(List<int[]> in) {
    long size = product(single(in, 0, ""));
    int[] t = getInts("target_shape");
    long known = 1;
    int wild = -1;
    for (int i = 0; i < t.length; i++) {
      if (t[i] == -1) {
        wild = i;
      } else {
        known *= t[i];
      }
    }
    if (wild >= 0 && known > 0 && size % known == 0) {
      t[wild] = (int) (size / known);
      known = size;
    }
    if (known != size) {
      throw error("target_shape " + Arrays.toString(getInts("target_shape")) + " does not hold the input's "
          + size + " values (input " + Arrays.toString(in.get(0)) + ")");
    }
    return t;
  }
}
