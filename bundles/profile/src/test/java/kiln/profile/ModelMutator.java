package kiln.profile;

import com.google.flatbuffers.Table;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import kiln.tflite.schema.Buffer;
import kiln.tflite.schema.Model;
import kiln.tflite.schema.Operator;
import kiln.tflite.schema.QuantizationParameters;
import kiln.tflite.schema.SubGraph;
import kiln.tflite.schema.Tensor;

/**
 * Makes corrupted copies of one .tflite file. Besides blind byte damage it knows where the file
 * keeps its tables' fields and its int vectors (shapes, tensor indices, quantization vectors), so
 * mutants hit what a validator must check: negative and huge dimensions, -1 and out-of-range
 * indices, wrong vector lengths, odd option values.
 */
final class ModelMutator {
  private static final int[] EXTREMES = {-1, -2, 0, 1, 2, 3, 7, 255, 256, 65_535, 100_000,
      1 << 20, 0x7ffffff0, Integer.MAX_VALUE, Integer.MIN_VALUE};

  private final byte[] original;
  /** Byte offsets of table fields (scalars and offsets to sub-objects). */
  private final List<Integer> fields = new ArrayList<>();
  /** Byte offsets of int32 vector elements (shapes, tensor indices). */
  private final List<Integer> intElements = new ArrayList<>();
  /** Byte offsets of vector length prefixes. */
  private final List<Integer> lengths = new ArrayList<>();

  ModelMutator(byte[] original) {
    this.original = original;
    ByteBuffer bb = ByteBuffer.wrap(original).order(ByteOrder.LITTLE_ENDIAN);
    Model m = Model.getRootAsModel(bb);
    addTable(m);
    Buffer buffer = new Buffer();
    for (int i = 0; i < m.buffersLength(); i++) {
      addTable(m.buffers(buffer, i));
      addVector(buffer.dataAsByteBuffer(), false);
    }
    for (int i = 0; i < m.operatorCodesLength(); i++) {
      addTable(m.operatorCodes(i));
    }
    for (int s = 0; s < m.subgraphsLength(); s++) {
      SubGraph g = m.subgraphs(s);
      addTable(g);
      addVector(g.inputsAsByteBuffer(), true);
      addVector(g.outputsAsByteBuffer(), true);
      Tensor t = new Tensor();
      for (int i = 0; i < g.tensorsLength(); i++) {
        addTable(g.tensors(t, i));
        addVector(t.shapeAsByteBuffer(), true);
        addVector(t.shapeSignatureAsByteBuffer(), true);
        QuantizationParameters q = t.quantization();
        if (q != null) {
          addTable(q);
          addVector(q.scaleAsByteBuffer(), false);
          addVector(q.zeroPointAsByteBuffer(), false);
        }
      }
      Operator o = new Operator();
      for (int i = 0; i < g.operatorsLength(); i++) {
        addTable(g.operators(o, i));
        addVector(o.inputsAsByteBuffer(), true);
        addVector(o.outputsAsByteBuffer(), true);
        Table options = o.builtinOptions(new Table());
        if (options != null) {
          addTable(options);
        }
      }
    }
  }

  /** One mutant, fully determined by the random source. */
  byte[] mutate(Random r) {
    byte[] b = original.clone();
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    switch (r.nextInt(8)) {
      case 0 -> { // flip a few random bytes
        for (int k = 1 + r.nextInt(8); k > 0; k--) {
          b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
        }
      }
      case 1 -> b = Arrays.copyOf(b, r.nextInt(b.length)); // truncate
      case 2 -> bb.putInt(r.nextInt(b.length / 4) * 4, extreme(r)); // an aligned word
      case 3 -> { // zero a range
        int from = r.nextInt(b.length);
        Arrays.fill(b, from, Math.min(b.length, from + 1 + r.nextInt(64)), (byte) 0);
      }
      case 4 -> poke(bb, pick(fields, r), r); // a table field: an option, a type, an index
      case 5 -> bb.putInt(pick(intElements, r), extreme(r)); // a dimension or tensor index
      case 6 -> bb.putInt(pick(lengths, r), extreme(r)); // a vector length
      default -> { // several targeted changes at once
        for (int k = 2 + r.nextInt(3); k > 0; k--) {
          if (r.nextBoolean()) {
            poke(bb, pick(fields, r), r);
          } else {
            bb.putInt(pick(intElements, r), extreme(r));
          }
        }
      }
    }
    return b;
  }

  private static void poke(ByteBuffer bb, int at, Random r) {
    int v = extreme(r);
    switch (r.nextInt(3)) {
      case 0 -> bb.put(at, (byte) v);
      case 1 -> {
        if (at + 2 <= bb.capacity()) {
          bb.putShort(at, (short) v);
        }
      }
      default -> {
        if (at + 4 <= bb.capacity()) {
          bb.putInt(at, v);
        }
      }
    }
  }

  private static int extreme(Random r) {
    return r.nextInt(4) == 0 ? r.nextInt(64) - 8 : EXTREMES[r.nextInt(EXTREMES.length)];
  }

  private static int pick(List<Integer> at, Random r) {
    return at.get(r.nextInt(at.size()));
  }

  /** Records the position of every field present in the table's vtable. */
  private void addTable(Table t) {
    ByteBuffer bb = t.getByteBuffer();
    int pos = tablePosition(t);
    int vtable = pos - bb.getInt(pos);
    int vtableSize = bb.getShort(vtable);
    for (int f = 4; f < vtableSize; f += 2) {
      int offset = bb.getShort(vtable + f);
      if (offset != 0) {
        fields.add(pos + offset);
      }
    }
  }

  private void addVector(ByteBuffer v, boolean ints) {
    if (v == null) {
      return;
    }
    lengths.add(v.position() - 4);
    if (ints) {
      for (int p = v.position(); p < v.limit(); p += 4) {
        intElements.add(p);
      }
    }
  }

  private static int tablePosition(Table t) {
    try {
      return BB_POS.getInt(t);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final Field BB_POS;

  static {
    try {
      BB_POS = Table.class.getDeclaredField("bb_pos");
      BB_POS.setAccessible(true);
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(e);
    }
  }
}
