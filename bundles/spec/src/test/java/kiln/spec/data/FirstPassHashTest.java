package kiln.spec.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The training batches' digest of their first epoch, the provenance's dataset hash without a
 * second pass over the data: the bytes it covers worked out by hand, and each sample made once.
 */
class FirstPassHashTest {
  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void coversEachSamplesFeaturesThenTargetAsLittleEndianFloats() throws Exception {
    SpecDataset d = SpecDataset.fromArrays(new float[][] {{1f}, {2f}}, new int[] {0, 1});
    try (SpecBatches b = new SpecBatches(d, new SpecBatches.Settings(1, new int[] {1}, ClassMode.SPARSE, 2, null, null))) {
      b.next();
      assertThat(b.firstPassHash()).as("half an epoch").isNull();
      b.next();
      // x 1.0f, y 0.0f, x 2.0f, y 1.0f
      byte[] bytes = HexFormat.of().parseHex("0000803f" + "00000000" + "00000040" + "0000803f");
      assertThat(b.firstPassHash()).isEqualTo(sha256(bytes));
      b.next(); // epoch 1 does not change it
      assertThat(b.firstPassHash()).isEqualTo(sha256(bytes));
    }
  }

  @Test
  void aShuffledMappedDatasetIsHashedInTrainingOrderWithoutASecondPass() throws Exception {
    AtomicInteger made = new AtomicInteger();
    float[][] x = new float[7][];
    int[] y = new int[7];
    for (int i = 0; i < 7; i++) {
      x[i] = new float[] {i};
      y[i] = i % 2;
    }
    SpecDataset d = SpecDataset.fromArrays(x, y).shuffle(7, 3).map(s -> {
      made.incrementAndGet();
      return s;
    });
    List<Integer> order = new ArrayList<>();
    d.iterator(0).forEachRemaining(s -> order.add((int) s.x()[0]));
    try (SpecBatches b = new SpecBatches(d, new SpecBatches.Settings(3, new int[] {1}, ClassMode.SPARSE, 2, null, null))) {
      made.set(0); // (the constructor counts a dataset whose labels map() hides by reading it once)
      for (int k = 0; k < b.batchesPerEpoch(); k++) {
        b.next();
      }
      assertThat(made.get()).as("samples made for one epoch").isEqualTo(7);
      StringBuilder hex = new StringBuilder();
      for (int i : order) {
        hex.append(leFloat(i)).append(leFloat(i % 2));
      }
      assertThat(b.firstPassHash()).isEqualTo(sha256(HexFormat.of().parseHex(hex)));
    }
  }

  /** A small whole number as little-endian float32 hex (its IEEE bits, byte-reversed). */
  private static String leFloat(int v) {
    String be = String.format("%08x", Float.floatToIntBits(v));
    return be.substring(6, 8) + be.substring(4, 6) + be.substring(2, 4) + be.substring(0, 2);
  }
}
