package kiln.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import kiln.api.KilnException;
import kiln.micro.kernels.Tensor;
import kiln.tflite.BuiltinOp;
import kiln.tflite.TensorType;
import kiln.tflite.TfliteModel;
import org.junit.jupiter.api.Test;

/**
 * REVERSE_V2, DYNAMIC_UPDATE_SLICE and BROADCAST_ARGS: hand-worked vectors, and random models
 * compared byte for byte with TFLite 2.20 (OpChecker).
 */
class ArrayOpsTest {
  private final OpChecker checker = new OpChecker();

  private static MicroModel load(TfliteModel model, String label) {
    return MicroModel.prepare(ModelLoader.load(model.toBytes(), label));
  }

  private static void fill(Tensor t, Random r) {
    if (t.i8 != null) {
      r.nextBytes(t.i8);
    } else if (t.f32 != null) {
      for (int i = 0; i < t.f32.length; i++) {
        t.f32[i] = (float) r.nextGaussian();
      }
    } else if (t.i16 != null) {
      for (int i = 0; i < t.i16.length; i++) {
        t.i16[i] = (short) r.nextInt();
      }
    } else {
      for (int i = 0; i < t.i32.length; i++) {
        t.i32[i] = r.nextInt(2001) - 1000;
      }
    }
  }

  /** input 2x3 int8 [[1,2,3],[4,5,6]] reversed along axis 1 (and -1): [[3,2,1],[6,5,4]]. */
  @Test
  void reverseOfAKnownMatrix() {
    for (int axis : new int[] {1, -1}) {
      ShapeOpModels g = new ShapeOpModels(1);
      g.start();
      int in = g.act(TensorType.INT8, new int[] {2, 3}, 0.5f, 0);
      int ax = g.constInt32(new int[] {1}, axis);
      int out = g.act(TensorType.INT8, new int[] {2, 3}, 0.5f, 0);
      MicroModel m = load(g.finish(BuiltinOp.REVERSE_V2, new int[] {in, ax}, new int[] {out}, null, in), "reverse");
      System.arraycopy(new byte[] {1, 2, 3, 4, 5, 6}, 0, m.tensor(in).i8, 0, 6);
      m.invoke();
      assertThat(m.tensor(out).i8).containsExactly(3, 2, 1, 6, 5, 4);
    }
  }

  /** operand 3x3 zeros (float), update 2x2 [1,2,3,4] at start (2, -1): clamped to (1, 0). */
  @Test
  void dynamicUpdateSliceClampsItsStart() {
    ShapeOpModels g = new ShapeOpModels(1);
    g.start();
    int operand = g.act(TensorType.FLOAT32, new int[] {3, 3}, 0, 0);
    int update = g.constFloat(new int[] {2, 2}, 1, 2, 3, 4);
    int start = g.act(TensorType.INT32, new int[] {2}, 0, 0);
    int out = g.act(TensorType.FLOAT32, new int[] {3, 3}, 0, 0);
    MicroModel m = load(g.finish(BuiltinOp.DYNAMIC_UPDATE_SLICE, new int[] {operand, update, start},
        new int[] {out}, null, operand, start), "dus");
    m.tensor(start).i32[0] = 2;
    m.tensor(start).i32[1] = -1;
    m.invoke();
    assertThat(m.tensor(out).f32).containsExactly(0, 0, 0, 1, 2, 0, 3, 4, 0);
  }

  /** shapes [2,1,3] and [4,1]: [2,4,3]; [9,2,3] and [4,5] do not (2 against 4 in the middle). */
  @Test
  void broadcastArgsOfKnownShapes() {
    ShapeOpModels g = new ShapeOpModels(1);
    g.start();
    int a = g.act(TensorType.INT32, new int[] {3}, 0, 0);
    int b = g.act(TensorType.INT32, new int[] {2}, 0, 0);
    int out = g.act(TensorType.INT32, new int[] {3}, 0, 0);
    MicroModel m = load(g.finish(BuiltinOp.BROADCAST_ARGS, new int[] {a, b}, new int[] {out}, null, a, b), "ba");
    System.arraycopy(new int[] {2, 1, 3}, 0, m.tensor(a).i32, 0, 3);
    System.arraycopy(new int[] {4, 1}, 0, m.tensor(b).i32, 0, 2);
    m.invoke();
    assertThat(m.tensor(out).i32).containsExactly(2, 4, 3);
    System.arraycopy(new int[] {9, 2, 3}, 0, m.tensor(a).i32, 0, 3);
    System.arraycopy(new int[] {4, 5}, 0, m.tensor(b).i32, 0, 2);
    assertThatThrownBy(m::invoke).isInstanceOf(KilnException.class)
        .hasMessageContaining("shapes do not broadcast: dimension 1 is 2 in one and 4 in the other");
  }

  @Test
  void nonContiguousReverseAxesAreRefusedAsInTfliteMicro() {
    ShapeOpModels g = new ShapeOpModels(1);
    g.start();
    int in = g.act(TensorType.FLOAT32, new int[] {2, 3, 4}, 0, 0);
    int ax = g.constInt32(new int[] {2}, 0, 2);
    int out = g.act(TensorType.FLOAT32, new int[] {2, 3, 4}, 0, 0);
    TfliteModel model = g.finish(BuiltinOp.REVERSE_V2, new int[] {in, ax}, new int[] {out}, null, in);
    assertThatThrownBy(() -> load(model, "reverse"))
        .hasMessageContaining("the axes [0, 2] are not contiguous");
  }

  @Test
  void randomModelsMatchTflite() {
    Random r = new Random(20261204L);
    TensorType[] types = {TensorType.INT8, TensorType.FLOAT32, TensorType.INT32, TensorType.INT16};
    int models = 0;
    for (int i = 0; i < 40; i++) {
      ShapeOpModels g = new ShapeOpModels(r.nextLong());
      TensorType type = types[i % types.length];
      float scale = g.scale();
      int zp = type == TensorType.INT8 ? g.zp() : 0;
      int[] shape = g.randomShape(1, 5, 5);
      g.start();
      TfliteModel model;
      int[] feeds;
      if (i % 2 == 0) {
        int in = g.act(type, shape, scale, zp);
        int first = g.between(0, shape.length - 1);
        int count = g.between(1, shape.length - first);
        int[] axes = new int[count];
        for (int k = 0; k < count; k++) {
          axes[k] = first + k - (g.r.nextBoolean() ? shape.length : 0); // some negative
        }
        int ax = g.constInt32(new int[] {count}, axes);
        int out = g.act(type, shape, scale, zp);
        feeds = new int[] {in};
        model = g.finish(BuiltinOp.REVERSE_V2, new int[] {in, ax}, new int[] {out}, null, in);
      } else {
        int[] upd = new int[shape.length];
        for (int k = 0; k < shape.length; k++) {
          upd[k] = g.between(1, shape[k]);
        }
        int operand = g.act(type, shape, scale, zp);
        int update = g.act(type, upd, scale, zp);
        int start = g.act(TensorType.INT32, new int[] {shape.length}, 0, 0);
        int out = g.act(type, shape, scale, zp);
        feeds = new int[] {operand, update, start};
        model = g.finish(BuiltinOp.DYNAMIC_UPDATE_SLICE, new int[] {operand, update, start}, new int[] {out},
            null, feeds);
      }
      String label = (i % 2 == 0 ? "REVERSE_V2 " : "DYNAMIC_UPDATE_SLICE ") + type + " #" + i;
      MicroModel m = load(model, label);
      for (int f : feeds) {
        fill(m.tensor(f), r);
        if (m.tensor(f).type() == kiln.api.model.ElementType.INT32 && m.tensor(f).rank() == 1
            && i % 2 == 1 && f == feeds[feeds.length - 1]) {
          for (int k = 0; k < m.tensor(f).i32.length; k++) {
            m.tensor(f).i32[k] = r.nextInt(9) - 2; // start indices, some out of range: clamped
          }
        }
      }
      m.invoke();
      checker.check(model, m, label);
      models++;
    }
    System.out.println(models + " models\n" + checker.summary());
    assertThat(checker.failures).isEmpty();
    assertThat(checker.stats.keySet()).contains("REVERSE_V2", "DYNAMIC_UPDATE_SLICE");
  }
}
