package kiln.micro.kernels;

/**
 * Ops that only move elements (PAD, CONCATENATION, STRIDED_SLICE): prepare computes, for each
 * output element, the input it comes from; eval copies. -1 marks a padding element.
 */
final class Gather extends Kernel {
  final Tensor[] inputs;
  final int[] source; // which input per output element
  final int[] index; // element index in that input, -1 for the pad value
  final Tensor out;
  final byte padI8;
  final float padF32;

  Gather(Tensor[] inputs, int[] source, int[] index, Tensor out, int padI8) {
    this.inputs = inputs;
    this.source = source;
    this.index = index;
    this.out = out;
    this.padI8 = (byte) padI8;
    this.padF32 = 0f;
  }

  @Override
  public void eval() {
    if (out.i8 != null) {
      byte[] o = out.i8;
      for (int e = 0; e < o.length; e++) {
        int k = index[e];
        o[e] = k < 0 ? padI8 : inputs[source == null ? 0 : source[e]].i8[k];
      }
    } else if (out.f32 != null) {
      float[] o = out.f32;
      for (int e = 0; e < o.length; e++) {
        int k = index[e];
        o[e] = k < 0 ? padF32 : inputs[source == null ? 0 : source[e]].f32[k];
      }
    } else if (out.i16 != null) {
      short[] o = out.i16;
      for (int e = 0; e < o.length; e++) {
        int k = index[e];
        o[e] = k < 0 ? 0 : inputs[source == null ? 0 : source[e]].i16[k];
      }
    } else {
      int[] o = out.i32;
      for (int e = 0; e < o.length; e++) {
        int k = index[e];
        o[e] = k < 0 ? 0 : inputs[source == null ? 0 : source[e]].i32[k];
      }
    }
  }
}
