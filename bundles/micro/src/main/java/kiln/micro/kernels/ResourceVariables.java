package kiln.micro.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import kiln.api.model.ElementType;

/**
 * A model's resource variables, as TFLite Micro's MicroResourceVariables keeps them: an id per
 * (container, shared name), created by VAR_HANDLE when the model is prepared; a buffer made by the
 * first ASSIGN_VARIABLE prepared for it, with that value's type and size, filled with the value's
 * zero point (0 without quantization); reset to that fill by {@link #resetAll()}.
 */
public final class ResourceVariables {
  /** One variable: its names, and once allocated its value holder. */
  static final class Variable {
    final String container;
    final String sharedName;
    Tensor value;
    int fill;

    Variable(String container, String sharedName) {
      this.container = container;
      this.sharedName = sharedName;
    }
  }

  private final List<Variable> variables = new ArrayList<>();

  /** The id of the variable with these names, created when none exists (CreateIdIfNoneFound). */
  int idOf(String container, String sharedName) {
    for (int i = 0; i < variables.size(); i++) {
      Variable v = variables.get(i);
      if ((container == null || Objects.equals(container, v.container))
          && Objects.equals(sharedName, v.sharedName)) {
        return i;
      }
    }
    variables.add(new Variable(container, sharedName));
    return variables.size() - 1;
  }

  int count() {
    return variables.size();
  }

  Variable get(int id) {
    return id >= 0 && id < variables.size() ? variables.get(id) : null;
  }

  /** Gives variable {@code id} a buffer shaped and typed like {@code like}, unless it has one. */
  void allocate(int id, Tensor like) {
    Variable v = variables.get(id);
    if (v.value == null) {
      v.value = new Tensor(-1, kiln.micro.graph.TensorInfo.of("resource " + id, like.type(),
          like.shape, like.scale(), like.zeroPoint(), null));
      v.fill = like.info.isQuantized() ? like.zeroPoint() : 0;
      fill(v);
    }
  }

  /** Every allocated variable back to its fill value (MicroResourceVariables::ResetAll). */
  public void resetAll() {
    for (Variable v : variables) {
      if (v.value != null) {
        fill(v);
      }
    }
  }

  /** memset with the zero point's low byte, as TFLite Micro fills the buffer. */
  private static void fill(Variable v) {
    Tensor t = v.value;
    byte b = (byte) v.fill;
    if (t.type() == ElementType.INT8) {
      java.util.Arrays.fill(t.i8, b);
    } else if (t.f32 != null) {
      java.util.Arrays.fill(t.f32, Float.intBitsToFloat(repeat(b) ));
    } else if (t.i16 != null) {
      java.util.Arrays.fill(t.i16, (short) (repeat(b) & 0xffff));
    } else {
      java.util.Arrays.fill(t.i32, repeat(b));
    }
  }

  private static int repeat(byte b) {
    int x = b & 0xff;
    return x | x << 8 | x << 16 | x << 24;
  }
}
