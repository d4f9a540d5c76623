package kiln.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32;
import kiln.api.KilnException;
import kiln.api.model.TensorData;
import kiln.api.model.Weights;
import org.junit.jupiter.api.Test;

class WeightsFormatTest {
  static Weights sample() {
    return new Weights()
        .put("dense/kernel", TensorData.ofFloat32(new int[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}))
        .put("dense/bias", TensorData.ofFloat32(new int[] {3}, new float[] {-0.5f, 0, 0.5f}))
        .put("scalar", TensorData.ofFloat32(new int[] {}, new float[] {7}));
  }

  @Test
  void roundTripsNamesShapesValuesAndOrder() {
    Weights back = WeightsFormat.read(WeightsFormat.write(sample()), "w");
    assertThat(back.asMap().keySet()).containsExactly("dense/kernel", "dense/bias", "scalar");
    assertThat(back.get("dense/kernel").shape()).containsExactly(2, 3);
    assertThat(back.get("dense/kernel").toFloats()).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(back.get("dense/bias").toFloats()).containsExactly(-0.5f, 0, 0.5f);
    assertThat(back.get("scalar").shape()).isEmpty();
    assertThat(back.get("scalar").toFloats()).containsExactly(7);
  }

  @Test
  void layoutIsTheDocumentedOne() {
    byte[] b =
        WeightsFormat.write(
            new Weights().put("b", TensorData.ofFloat32(new int[] {2}, new float[] {1, -2})));
    ByteBuffer expected = ByteBuffer.allocate(8 + 4 + 4 + 2 + 1 + 1 + 1 + 4 + 8 + 4)
        .order(ByteOrder.LITTLE_ENDIAN);
    expected.put("KILNWTS".getBytes()).put((byte) 0).putInt(1).putInt(1)
        .putShort((short) 1).put((byte) 'b').put((byte) 1).put((byte) 1).putInt(2)
        .putFloat(1f).putFloat(-2f);
    CRC32 crc = new CRC32();
    crc.update(expected.array(), 0, expected.position());
    expected.putInt((int) crc.getValue());
    assertThat(b).isEqualTo(expected.array());
  }

  @Test
  void refusesOtherFilesNewerVersionsAndDamage() {
    assertThatThrownBy(() -> WeightsFormat.read("PK\3\4 not weights at all".getBytes(), "x.weights"))
        .isInstanceOf(KilnException.class)
        .hasMessage("x.weights: not a Kiln weights file (expected it to start with KILNWTS)");
    byte[] newer = WeightsFormat.write(sample());
    newer[8] = 2;
    assertThatThrownBy(() -> WeightsFormat.read(newer, "x.weights"))
        .hasMessage("x.weights: weights format version 2, this Kiln reads versions 1 to 1"
            + " (written by a newer Kiln?)");
    byte[] damaged = WeightsFormat.write(sample());
    damaged[40] ^= 1;
    assertThatThrownBy(() -> WeightsFormat.read(damaged, "x.weights"))
        .hasMessage("x.weights: weights file is damaged (CRC-32 mismatch)");
    byte[] full = WeightsFormat.write(sample());
    byte[] truncated = Arrays.copyOf(full, full.length - 9);
    assertThatThrownBy(() -> WeightsFormat.read(truncated, "x.weights"))
        .isInstanceOf(KilnException.class);
  }
}
