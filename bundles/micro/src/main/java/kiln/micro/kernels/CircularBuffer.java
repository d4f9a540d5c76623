package kiln.micro.kernels;

import com.google.flatbuffers.FlexBuffers;
import java.nio.ByteBuffer;
import kiln.api.model.ElementType;

/**
 * TFLite Micro's CIRCULAR_BUFFER custom op (circular_buffer.cc, circular_buffer_common.cc), used by
 * streaming convolutions: each run shifts the int8 output [1, slots, h, w] by one slot, appends the
 * input [1, 1, h, w], and lets the rest of the graph run only every {@code cycles_max}-th time
 * (otherwise the run ends early, as TFLite Micro's kTfLiteAbort; Kiln ends it with
 * {@link Kernel.EndRun}). {@code cycles_max} is element 0 of the op's flexbuffer options. When it
 * is absent or not positive, TFLite Micro guesses the period from the output shape for the two
 * streaming models it supports (1 for 5, 13 or 25 slots, or for the fifth such op of a model with
 * a 2x96 output; 2 otherwise); Kiln makes the same guess, counting the ops per model where TFLite
 * Micro's counter is global to the process.
 */
final class CircularBuffer extends Kernel {
  private final Tensor in;
  private final Tensor out;
  private final int slots;
  private final int depth;
  private final int cyclesMax;
  private int cyclesUntilRun;

  private CircularBuffer(Tensor in, Tensor out, int cyclesMax) {
    this.in = in;
    this.out = out;
    this.slots = out.shape[1];
    this.depth = out.shape[2] * out.shape[3];
    this.cyclesMax = cyclesMax;
    this.cyclesUntilRun = cyclesMax;
  }

  static Kernel prepare(Prep p) {
    Tensor in = p.in(0);
    Tensor out = p.out(0);
    p.require(in.rank() == 4 && out.rank() == 4, "input and output must have rank 4, found "
        + Shapes.str(in.shape) + " and " + Shapes.str(out.shape));
    p.require(in.shape[0] == out.shape[0] && in.shape[1] == 1 && in.shape[2] == out.shape[2]
        && in.shape[3] == out.shape[3], "input " + Shapes.str(in.shape) + " must be [n, 1, h, w] of output "
        + Shapes.str(out.shape) + " [n, slots, h, w]");
    p.requireSameType(in, out);
    p.requireType(in, "input", ElementType.INT8);
    int cycles = cyclesMax(p, p.options.custom);
    if (cycles <= 0) {
      int count = ++p.context.circularBuffers;
      if (out.shape[1] == 5 || out.shape[1] == 13 || out.shape[1] == 25
          || (count == 5 && out.shape[2] == 2 && out.shape[3] == 96)) {
        cycles = 1;
        p.context.circularBuffers = 0;
      } else {
        cycles = 2;
      }
    }
    return new CircularBuffer(in, out, cycles);
  }

  private static int cyclesMax(Prep p, byte[] options) {
    if (options == null || options.length == 0) {
      return 0;
    }
    try {
      FlexBuffers.Reference root = FlexBuffers.getRoot(ByteBuffer.wrap(options));
      // TFLite Micro reads element 0 of the root map (its only key, cycles_max)
      FlexBuffers.Reference first = root.isMap() && root.asMap().size() > 0 ? root.asMap().get(0) : null;
      if (first == null || !(first.isInt() || first.isUInt())) {
        throw p.fail("custom options are not a flexbuffer holding cycles_max (expected a map whose first"
            + " value is an integer)");
      }
      return (int) first.asLong();
    } catch (RuntimeException e) {
      if (e instanceof kiln.api.KilnException k) {
        throw k;
      }
      throw p.fail("custom options are not a flexbuffer holding cycles_max: " + e);
    }
  }

  @Override
  public void eval() {
    byte[] o = out.i8;
    System.arraycopy(o, depth, o, 0, (slots - 1) * depth);
    System.arraycopy(in.i8, 0, o, (slots - 1) * depth, depth);
    if (--cyclesUntilRun != 0) {
      throw EndRun.INSTANCE;
    }
    cyclesUntilRun = cyclesMax;
  }
}
