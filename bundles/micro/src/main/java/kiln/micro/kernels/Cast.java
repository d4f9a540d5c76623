package kiln.micro.kernels;

import kiln.api.model.ElementType;

/**
 * CAST between int8, int16, int32, float32 and bool (as a source only) with C's static_cast: float
 * to integer truncates toward zero, a narrowing keeps the low bits, bool reads 0 or 1.
 * Quantization parameters are ignored, as in TFLite Micro.
 */
public final class Cast {
  private Cast() {}

  public static Kernel prepare(Prep p) {
    Tensor in = p.in(0);
    Tensor out = p.out(0);
    p.requireType(in, "input", ElementType.INT8, ElementType.INT16, ElementType.INT32,
        ElementType.FLOAT32, ElementType.BOOL);
    p.requireType(out, "output", ElementType.INT8, ElementType.INT16, ElementType.INT32,
        ElementType.FLOAT32);
    p.requireSameCount(in, out);
    int n = in.elementCount();
    ElementType from = in.type();
    ElementType to = out.type();
    return new Kernel() {
      @Override
      public void eval() {
        for (int i = 0; i < n; i++) {
          if (from == ElementType.FLOAT32) {
            float v = in.f32[i];
            switch (to) {
              case FLOAT32 -> out.f32[i] = v;
              case INT32 -> out.i32[i] = (int) v;
              case INT16 -> out.i16[i] = (short) (int) v;
              default -> out.i8[i] = (byte) (int) v;
            }
          } else {
            int v = from == ElementType.INT32 ? in.i32[i]
                : from == ElementType.INT16 ? in.i16[i] : in.i8[i];
            switch (to) {
              case FLOAT32 -> out.f32[i] = (float) v;
              case INT32 -> out.i32[i] = v;
              case INT16 -> out.i16[i] = (short) v;
              default -> out.i8[i] = (byte) v;
            }
          }
        }
      }
    };
  }
}
