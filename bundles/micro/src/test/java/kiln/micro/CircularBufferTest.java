package kiln.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.flatbuffers.FlexBuffersBuilder;
import java.nio.ByteBuffer;
import kiln.tflite.BuiltinOp;
import kiln.tflite.Operator;
import kiln.tflite.OperatorCode;
import kiln.tflite.TensorType;
import kiln.tflite.TfliteModel;
import org.junit.jupiter.api.Test;

/**
 * TFLite Micro's CIRCULAR_BUFFER custom op (TFLite 2.20 has no kernel for it: the expected values
 * are worked out by hand from circular_buffer.cc). Model: input [1,1,1,2] -> CIRCULAR_BUFFER ->
 * [1,3,1,2] -> NEG... int8 has no NEG, so the op after it is a RESHAPE to [1,6] whose output shows
 * whether the rest of the graph ran.
 */
class CircularBufferTest {
  static byte[] cyclesMax(int n) {
    FlexBuffersBuilder b = new FlexBuffersBuilder(ByteBuffer.allocate(64), FlexBuffersBuilder.BUILDER_FLAG_NONE);
    int start = b.startMap();
    b.putInt("cycles_max", n);
    b.endMap(null, start);
    ByteBuffer bb = b.finish();
    byte[] out = new byte[bb.remaining()];
    bb.get(out);
    return out;
  }

  static TfliteModel model(byte[] options) {
    OpModelWriter w = new OpModelWriter(1) {};
    w.start();
    int in = w.act(TensorType.INT8, new int[] {1, 1, 1, 2}, 0.5f, 0);
    int buf = w.act(TensorType.INT8, new int[] {1, 3, 1, 2}, 0.5f, 0);
    int shape = w.constInt32(new int[] {2}, 1, 6);
    int out = w.act(TensorType.INT8, new int[] {1, 6}, 0.5f, 0);
    w.g.operators().add(new Operator(OperatorCode.custom("CIRCULAR_BUFFER", 1), new int[] {in}, new int[] {buf},
        null).setCustomOptions(options));
    return w.finish(BuiltinOp.RESHAPE, new int[] {buf, shape}, new int[] {out}, null, in);
  }

  static MicroModel load(byte[] options) {
    return MicroModel.prepare(ModelLoader.load(model(options).toBytes(), "cb"));
  }

  /**
   * cycles_max 2: each run shifts the buffer and appends the input; cycles_until_run starts at 2, so
   * runs 1 and 3 end after the buffer (the reshape keeps its old output) and runs 2 and 4 go on.
   */
  @Test
  void theBufferShiftsEveryRunAndTheGraphGoesOnEverySecondRun() {
    MicroModel m = load(cyclesMax(2));
    int in = m.graph().inputs()[0];
    int out = m.graph().outputs()[0];
    byte[][] expectedOut = {
        {0, 0, 0, 0, 0, 0}, // run 1 ends early: the reshape has not run yet
        {0, 0, 1, 1, 2, 2},
        {0, 0, 1, 1, 2, 2}, // run 3 ends early: still run 2's
        {2, 2, 3, 3, 4, 4}};
    for (int run = 1; run <= 4; run++) {
      m.tensor(in).i8[0] = (byte) run;
      m.tensor(in).i8[1] = (byte) run;
      m.invoke();
      assertThat(m.tensor(out).i8).as("run %d", run).containsExactly(expectedOut[run - 1]);
    }
  }

  /** Without options TFLite Micro guesses: 3 slots is none of its models' shapes, so period 2. */
  @Test
  void withoutOptionsThePeriodIsTfliteMicrosGuess() {
    MicroModel m = load(null);
    int in = m.graph().inputs()[0];
    int out = m.graph().outputs()[0];
    m.tensor(in).i8[0] = 7;
    m.invoke();
    assertThat(m.tensor(out).i8).containsOnly(0);
    m.invoke();
    assertThat(m.tensor(out).i8).containsExactly(0, 0, 7, 0, 7, 0);
  }

  @Test
  void optionsThatAreNotAFlexbufferAreNamed() {
    assertThatThrownBy(() -> load(new byte[] {1, 2, 3}))
        .hasMessageContaining("custom options are not a flexbuffer holding cycles_max");
  }
}
