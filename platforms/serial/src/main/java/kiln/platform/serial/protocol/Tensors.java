package kiln.platform.serial.protocol;

import java.util.ArrayList;
import java.util.List;

/** RUN's request and reply payload: a u8 count, then each tensor's raw bytes as a u32 length and data. */
public final class Tensors {
  private Tensors() {}

  public static byte[] encode(List<byte[]> tensors) {
    PayloadWriter w = new PayloadWriter().u8(tensors.size());
    tensors.forEach(w::blob);
    return w.toBytes();
  }

  public static List<byte[]> decode(byte[] payload) {
    PayloadReader r = new PayloadReader(payload);
    int n = r.u8("tensor count");
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(r.blob("tensor " + i));
    }
    return out;
  }
}
