package kiln.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import kiln.api.KilnException;
import kiln.api.model.TensorData;
import kiln.tflite.BuiltinOp;
import kiln.tflite.Operator;
import kiln.tflite.Quantization;
import kiln.tflite.Subgraph;
import kiln.tflite.Tensor;
import kiln.tflite.TensorType;
import kiln.tflite.TfliteModel;
import kiln.tflite.options.Activation;
import kiln.tflite.options.AddOptions;
import kiln.tflite.options.GenericOptions;
import org.junit.jupiter.api.Test;

/**
 * Resource variables initialised by CALL_ONCE: an accumulator model (y = x + v; v = y, with v set
 * to a constant by an init subgraph) written by Kiln's writer, against TFLite 2.20 over consecutive
 * invokes, in float32 and int8; and by hand.
 */
class VariableOpsTest {
  /**
   * Subgraph 0: CALL_ONCE(1); h = VAR_HANDLE("acc"); v = READ_VARIABLE(h); y = ADD(x, v);
   * ASSIGN_VARIABLE(h, y); output y. Subgraph 1: h = VAR_HANDLE("acc"); ASSIGN_VARIABLE(h, c).
   */
  static TfliteModel accumulator(boolean int8, float[] start, float scale, int zp) {
    int[] shape = {1, start.length};
    Subgraph main = new Subgraph();
    int x = main.addTensor(activation("x", int8, shape, scale, zp));
    int h = main.addTensor(new Tensor("h", TensorType.RESOURCE, new int[0]));
    int v = main.addTensor(activation("v", int8, shape, scale, zp));
    int y = main.addTensor(activation("y", int8, shape, scale, zp));
    GenericOptions handle = new GenericOptions("VarHandleOptions", Map.of("sharedName", "acc"));
    main.operators().add(new Operator(BuiltinOp.CALL_ONCE, new int[0], new int[0],
        new GenericOptions("CallOnceOptions", Map.of("initSubgraphIndex", 1))));
    main.operators().add(new Operator(BuiltinOp.VAR_HANDLE, new int[0], new int[] {h}, handle));
    main.operators().add(new Operator(BuiltinOp.READ_VARIABLE, new int[] {h}, new int[] {v},
        GenericOptions.empty("ReadVariableOptions")));
    main.operators().add(new Operator(BuiltinOp.ADD, new int[] {x, v}, new int[] {y},
        new AddOptions(Activation.NONE, false)));
    main.operators().add(new Operator(BuiltinOp.ASSIGN_VARIABLE, new int[] {h, y}, new int[0],
        GenericOptions.empty("AssignVariableOptions")));
    main.setInputs(x).setOutputs(y);

    Subgraph init = new Subgraph();
    int ih = init.addTensor(new Tensor("h", TensorType.RESOURCE, new int[0]));
    Tensor c = activation("c", int8, shape, scale, zp);
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(start.length * (int8 ? 1 : 4))
        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (float f : start) {
      if (int8) {
        b.put((byte) (Math.round(f / scale) + zp));
      } else {
        b.putFloat(f);
      }
    }
    int ic = init.addTensor(c.setData(b.array()));
    init.operators().add(new Operator(BuiltinOp.VAR_HANDLE, new int[0], new int[] {ih}, handle));
    init.operators().add(new Operator(BuiltinOp.ASSIGN_VARIABLE, new int[] {ih, ic}, new int[0],
        GenericOptions.empty("AssignVariableOptions")));
    init.setInputs().setOutputs();
    TfliteModel m = new TfliteModel();
    m.addSubgraph(main);
    m.addSubgraph(init);
    return m;
  }

  private static Tensor activation(String name, boolean int8, int[] shape, float scale, int zp) {
    Tensor t = new Tensor(name, int8 ? TensorType.INT8 : TensorType.FLOAT32, shape);
    return int8 ? t.setQuantization(Quantization.perTensor(scale, zp)) : t;
  }

  @Test
  void accumulatorsMatchTfliteOverConsecutiveInvokes() {
    Random r = new Random(20261208L);
    List<String> failures = new ArrayList<>();
    long compared = 0;
    for (int i = 0; i < 12; i++) {
      boolean int8 = i % 2 == 1;
      int n = 1 + r.nextInt(6);
      float[] start = new float[n];
      for (int k = 0; k < n; k++) {
        start[k] = (float) r.nextGaussian();
      }
      float scale = 0.05f + 0.1f * r.nextFloat();
      int zp = r.nextInt(21) - 10;
      compared += SequenceRuns.compare(accumulator(int8, start, scale, zp),
          "accumulator #" + i + (int8 ? " int8" : " float"), 5, r, failures);
    }
    assertThat(failures).isEmpty();
    assertThat(compared).isGreaterThan(100);
  }

  /** Start [1, 2]: inputs [1, 1] then [0.5, -3] give [2, 3] then [2.5, 0]; a reset zeroes v. */
  @Test
  void floatAccumulatorByHand() {
    MicroModel m = MicroRuntime.load(accumulator(false, new float[] {1, 2}, 0, 0).toBytes(), "acc");
    assertThat(run(m, 1, 1)).containsExactly(2f, 3f);
    assertThat(run(m, 0.5f, -3)).containsExactly(2.5f, 0f);
    // TFLite Micro's Reset zeroes the variables and does not run CALL_ONCE again
    m.resetVariables();
    assertThat(run(m, 1, 1)).containsExactly(1f, 1f);
  }

  @Test
  void aCallOnceOfAMissingSubgraphIsRefused() {
    TfliteModel model = accumulator(false, new float[] {1}, 0, 0);
    Operator call = model.mainSubgraph().operators().get(0);
    model.mainSubgraph().operators().set(0, new Operator(call.code(), new int[0], new int[0],
        new GenericOptions("CallOnceOptions", Map.of("initSubgraphIndex", 5))));
    assertThatThrownBy(() -> MicroRuntime.load(model.toBytes(), "bad-call"))
        .isInstanceOf(KilnException.class)
        .hasMessageContaining("op #0 CALL_ONCE: init_subgraph_index 5 must name another subgraph");
  }

  /**
   * IF(cond, x): the then-subgraph adds a constant, the else-subgraph multiplies by another
   * (int8: every tensor with the same quantization).
   */
  static TfliteModel ifModel(boolean int8, float[] add, float[] mul, float scale, int zp) {
    int[] shape = {1, add.length};
    Subgraph main = new Subgraph();
    int cond = main.addTensor(new Tensor("cond", TensorType.BOOL, new int[] {1}));
    int x = main.addTensor(activation("x", int8, shape, scale, zp));
    int y = main.addTensor(activation("y", int8, shape, scale, zp));
    main.operators().add(new Operator(BuiltinOp.IF, new int[] {cond, x}, new int[] {y},
        new GenericOptions("IfOptions", Map.of("thenSubgraphIndex", 1, "elseSubgraphIndex", 2))));
    main.setInputs(cond, x).setOutputs(y);
    TfliteModel m = new TfliteModel();
    m.addSubgraph(main);
    for (int branch = 0; branch < 2; branch++) {
      Subgraph g = new Subgraph();
      int bx = g.addTensor(activation("x", int8, shape, scale, zp));
      int bc = g.addTensor(constant("c", int8, shape, branch == 0 ? add : mul, scale, zp));
      int by = g.addTensor(activation("y", int8, shape, scale, zp));
      g.operators().add(branch == 0
          ? new Operator(BuiltinOp.ADD, new int[] {bx, bc}, new int[] {by},
              new AddOptions(Activation.NONE, false))
          : new Operator(BuiltinOp.MUL, new int[] {bx, bc}, new int[] {by},
              new kiln.tflite.options.MulOptions(Activation.NONE)));
      g.setInputs(bx).setOutputs(by);
      m.addSubgraph(g);
    }
    return m;
  }

  private static Tensor constant(String name, boolean int8, int[] shape, float[] v, float scale,
      int zp) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(v.length * (int8 ? 1 : 4))
        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (float f : v) {
      if (int8) {
        b.put((byte) Math.max(-128, Math.min(127, Math.round(f / scale) + zp)));
      } else {
        b.putFloat(f);
      }
    }
    return activation(name, int8, shape, scale, zp).setData(b.array());
  }

  @Test
  void ifMatchesTfliteOnBothBranches() {
    Random r = new Random(20261209L);
    List<String> failures = new ArrayList<>();
    long compared = 0;
    for (int i = 0; i < 10; i++) {
      boolean int8 = i % 2 == 1;
      int n = 1 + r.nextInt(6);
      float[] add = new float[n];
      float[] mul = new float[n];
      for (int k = 0; k < n; k++) {
        add[k] = (float) r.nextGaussian();
        mul[k] = (float) r.nextGaussian();
      }
      float scale = 0.05f + 0.1f * r.nextFloat();
      compared += SequenceRuns.compare(ifModel(int8, add, mul, scale, r.nextInt(21) - 10),
          "if #" + i + (int8 ? " int8" : " float"), 6, r, failures);
    }
    assertThat(failures).isEmpty();
    assertThat(compared).isGreaterThan(50);
  }

  /** then: x + [1, 2]; else: x * [3, -1]. */
  @Test
  void ifByHand() {
    MicroModel m = MicroRuntime.load(
        ifModel(false, new float[] {1, 2}, new float[] {3, -1}, 0, 0).toBytes(), "if");
    assertThat(runIf(m, true, 5, 6)).containsExactly(6f, 8f);
    assertThat(runIf(m, false, 5, 6)).containsExactly(15f, -6f);
  }

  private static float[] runIf(MicroModel m, boolean cond, float a, float b) {
    return m.run(List.of(
        new TensorData(kiln.api.model.ElementType.BOOL, new int[] {1},
            new byte[] {(byte) (cond ? 1 : 0)}),
        TensorData.ofFloat32(new int[] {1, 2}, new float[] {a, b}))).get(0).toFloats();
  }

  /**
   * WHILE(i, x): condition i < limit (LESS); body i + 1 and x * 2 (float32 ADD and MUL).
   */
  static TfliteModel whileModel(float limit, int n) {
    int[] one = {1};
    int[] shape = {1, n};
    Subgraph main = new Subgraph();
    int i = main.addTensor(new Tensor("i", TensorType.FLOAT32, one));
    int x = main.addTensor(new Tensor("x", TensorType.FLOAT32, shape));
    int io = main.addTensor(new Tensor("i_out", TensorType.FLOAT32, one));
    int xo = main.addTensor(new Tensor("x_out", TensorType.FLOAT32, shape));
    main.operators().add(new Operator(BuiltinOp.WHILE, new int[] {i, x}, new int[] {io, xo},
        new GenericOptions("WhileOptions", Map.of("condSubgraphIndex", 1,
            "bodySubgraphIndex", 2))));
    main.setInputs(i, x).setOutputs(io, xo);
    Subgraph cond = new Subgraph();
    int ci = cond.addTensor(new Tensor("i", TensorType.FLOAT32, one));
    int cx = cond.addTensor(new Tensor("x", TensorType.FLOAT32, shape));
    int cl = cond.addTensor(constant("limit", false, one, new float[] {limit}, 0, 0));
    int cb = cond.addTensor(new Tensor("go", TensorType.BOOL, one));
    cond.operators().add(new Operator(BuiltinOp.LESS, new int[] {ci, cl}, new int[] {cb},
        GenericOptions.empty("LessOptions")));
    cond.setInputs(ci, cx).setOutputs(cb);
    Subgraph body = new Subgraph();
    int bi = body.addTensor(new Tensor("i", TensorType.FLOAT32, one));
    int bx = body.addTensor(new Tensor("x", TensorType.FLOAT32, shape));
    int b1 = body.addTensor(constant("one", false, one, new float[] {1}, 0, 0));
    int b2 = body.addTensor(constant("two", false, shape, filled(n, 2f), 0, 0));
    int bio = body.addTensor(new Tensor("i_next", TensorType.FLOAT32, one));
    int bxo = body.addTensor(new Tensor("x_next", TensorType.FLOAT32, shape));
    body.operators().add(new Operator(BuiltinOp.ADD, new int[] {bi, b1}, new int[] {bio},
        new AddOptions(Activation.NONE, false)));
    body.operators().add(new Operator(BuiltinOp.MUL, new int[] {bx, b2}, new int[] {bxo},
        new kiln.tflite.options.MulOptions(Activation.NONE)));
    body.setInputs(bi, bx).setOutputs(bio, bxo);
    TfliteModel m = new TfliteModel();
    m.addSubgraph(main);
    m.addSubgraph(cond);
    m.addSubgraph(body);
    return m;
  }

  private static float[] filled(int n, float v) {
    float[] f = new float[n];
    java.util.Arrays.fill(f, v);
    return f;
  }

  @Test
  void whileMatchesTflite() {
    Random r = new Random(20261210L);
    List<String> failures = new ArrayList<>();
    long compared = 0;
    for (int k = 0; k < 8; k++) {
      compared += SequenceRuns.compare(whileModel((float) (r.nextGaussian() * 3), 1 + r.nextInt(4)),
          "while #" + k, 4, r, failures);
    }
    assertThat(failures).isEmpty();
    assertThat(compared).isGreaterThan(40);
  }

  /** i = 0.5 with limit 3: three passes (0.5, 1.5, 2.5 < 3), so i = 3.5 and x = 8 x. */
  @Test
  void whileByHand() {
    MicroModel m = MicroRuntime.load(whileModel(3f, 2).toBytes(), "while");
    List<TensorData> out = m.run(List.of(TensorData.ofFloat32(new int[] {1}, new float[] {0.5f}),
        TensorData.ofFloat32(new int[] {1, 2}, new float[] {1f, -0.25f})));
    assertThat(out.get(0).toFloats()).containsExactly(3.5f);
    assertThat(out.get(1).toFloats()).containsExactly(8f, -2f);
    // a start past the limit runs no pass: the inputs come out unchanged
    out = m.run(List.of(TensorData.ofFloat32(new int[] {1}, new float[] {4f}),
        TensorData.ofFloat32(new int[] {1, 2}, new float[] {1f, -0.25f})));
    assertThat(out.get(0).toFloats()).containsExactly(4f);
    assertThat(out.get(1).toFloats()).containsExactly(1f, -0.25f);
  }

  private static float[] run(MicroModel m, float a, float b) {
    return m.run(List.of(TensorData.ofFloat32(new int[] {1, 2}, new float[] {a, b}))).get(0)
        .toFloats();
  }
}
