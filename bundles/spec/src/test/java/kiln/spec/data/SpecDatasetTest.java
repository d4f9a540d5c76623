package kiln.spec.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import kiln.api.model.Batch;
import kiln.api.model.TensorData;
import kiln.util.data.NumpyFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dataset's transforms against orders and batches worked out by hand. The shuffle orders follow
 * the algorithm documented on {@link SpecDataset#shuffle} with the draws of {@code java.util.Random}
 * (a documented LCG): {@code new Random(7)} gives nextInt(5..1) = 1, 2, 0, 0, 0 and nextInt(2) x4,
 * nextInt(1) = 1, 1, 1, 0, 0; {@code new Random(8)} gives nextInt(5..1) = 4, 3, 1, 0, 0.
 */
@org.junit.jupiter.api.Timeout(20)
class SpecDatasetTest {
  @TempDir Path dir;

  /** Sample i has x = {i} and label i % 3. */
  static SpecDataset five() {
    float[][] x = new float[5][];
    int[] y = new int[5];
    for (int i = 0; i < 5; i++) {
      x[i] = new float[] {i};
      y[i] = i % 3;
    }
    return SpecDataset.fromArrays(x, y);
  }

  static List<Integer> order(Iterator<Sample> it) {
    List<Integer> out = new ArrayList<>();
    it.forEachRemaining(s -> out.add((int) s.x()[0]));
    return out;
  }

  static SpecBatches batches(SpecDataset d, int size, ClassMode mode, float[] weights, Integer steps) {
    return new SpecBatches(d, new SpecBatches.Settings(size, new int[] {1}, mode, 3, weights, steps));
  }

  @Test
  void shuffleWithAFullBuffer() {
    // buffer [0 1 2 3 4]: draw 1 -> 1, last moves in [0 4 2 3]; draw 2 -> 2 [0 4 3]; draw 0 -> 0 [3 4];
    // draw 0 -> 3 [4]; 4
    assertThat(order(five().shuffle(5, 7).iterator(0))).containsExactly(1, 2, 0, 3, 4);
    // epoch 1 draws from Random(8): 4 [0 1 2 3]; 3 [0 1 2]; 1 [0 2]; 0 [2]; 2
    assertThat(order(five().shuffle(5, 7).iterator(1))).containsExactly(4, 3, 1, 0, 2);
    // the same every time
    assertThat(order(five().shuffle(5, 7).iterator(0))).containsExactly(1, 2, 0, 3, 4);
  }

  @Test
  void shuffleWithASmallBufferRefillsFromTheInput() {
    // buffer [0 1]: draw 1 -> 1, 2 comes in [0 2]; draw 1 -> 2 [0 3]; draw 1 -> 3 [0 4];
    // draw 0 -> 0, input exhausted [4]; 4
    assertThat(order(five().shuffle(2, 7).iterator(0))).containsExactly(1, 2, 3, 0, 4);
    assertThat(order(five().shuffle(1, 7).iterator(0))).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void mapAndRepeat() {
    SpecDataset d = five().map(s -> new Sample(new float[] {s.x()[0] * 10}, s.y()));
    assertThat(order(d.iterator(0))).containsExactly(0, 10, 20, 30, 40);
    // repeat(2) of a shuffled dataset: passes are the inner epochs 0 and 1 (orders above)
    assertThat(order(five().shuffle(5, 7).repeat(2).iterator(0))).containsExactly(1, 2, 0, 3, 4, 4, 3, 1, 0, 2);
  }

  @Test
  void parallelMapKeepsTheInputOrder() {
    java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    float[][] x = new float[40][];
    int[] y = new int[40];
    for (int i = 0; i < 40; i++) {
      x[i] = new float[] {i};
    }
    SpecDataset d = SpecDataset.fromArrays(x, y).map(s -> {
      threads.add(Thread.currentThread().getName());
      try {
        Thread.sleep((long) (40 - s.x()[0]) % 7); // later elements finish first
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return new Sample(new float[] {s.x()[0] + 100}, s.y());
    }, 4);
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      expected.add(100 + i);
    }
    assertThat(order(d.iterator(0))).isEqualTo(expected);
    assertThat(threads).allMatch(n -> n.startsWith("kiln-spec-data-map-")).hasSizeGreaterThan(1);
    assertThatThrownBy(() -> order(five().map(s -> {
      throw new IllegalStateException("bad sample " + s.x()[0]);
    }, 2).iterator(0))).hasMessage("bad sample 0.0");
  }

  @Test
  void batchesKeepTheRemainderAndShapeTheTargets() {
    SpecBatches b = batches(five(), 2, ClassMode.CATEGORICAL, null, null);
    assertThat(b.batchesPerEpoch()).isEqualTo(3);
    assertThat(b.sampleCount()).isEqualTo(5);
    Batch first = b.next();
    assertThat(first.xShape()).containsExactly(2, 1);
    assertThat(first.x()).containsExactly(0f, 1f);
    assertThat(first.yShape()).containsExactly(2, 3);
    assertThat(first.y()).containsExactly(1f, 0f, 0f, 0f, 1f, 0f);
    assertThat(first.sampleWeights()).isNull();
    b.next();
    Batch last = b.next();
    assertThat(last.size()).isEqualTo(1);
    assertThat(last.x()).containsExactly(4f);
    assertThat(b.next().x()).as("the next epoch starts over").containsExactly(0f, 1f);

    Batch sparse = batches(five(), 5, ClassMode.SPARSE, null, null).next();
    assertThat(sparse.yShape()).containsExactly(5, 1);
    assertThat(sparse.y()).containsExactly(0f, 1f, 2f, 0f, 1f);
    Batch input = batches(five(), 5, ClassMode.INPUT, null, null).next();
    assertThat(input.y()).containsExactly(0f, 1f, 2f, 3f, 4f);
    assertThat(input.yShape()).containsExactly(5, 1);
  }

  @Test
  void balancedClassWeightsAreScikitLearns() {
    // labels 0 1 2 0 1: counts 2 2 1; n / (classes * count) = 5/6, 5/6, 5/3
    int[] counts = SpecBatches.classCounts(five(), 3);
    assertThat(counts).containsExactly(2, 2, 1);
    float[] w = ClassWeights.resolve("balanced", List.of("a", "b", "c"), counts);
    assertThat(w).containsExactly(5f / 6, 5f / 6, 5f / 3);
    assertThat(ClassWeights.resolve(Map.of("c", 4.0), List.of("a", "b", "c"), counts)).containsExactly(1f, 1f, 4f);
    assertThat(ClassWeights.resolve("none", List.of("a"), counts)).isNull();
    Batch b = batches(five(), 5, ClassMode.CATEGORICAL, w, null).next();
    assertThat(b.sampleWeights()).containsExactly(5f / 6, 5f / 6, 5f / 3, 5f / 6, 5f / 6);
  }

  @Test
  void anEndlessDatasetIsReadOnAcrossEpochs() {
    SpecBatches b = batches(five().repeat(), 2, ClassMode.SPARSE, null, 2);
    assertThat(b.batchesPerEpoch()).isEqualTo(2);
    List<Float> seen = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      for (float v : b.next().x()) {
        seen.add(v);
      }
    }
    assertThat(seen).containsExactly(0f, 1f, 2f, 3f, 4f, 0f, 1f, 2f);
    assertThat(b.batch(1, 0).x()).containsExactly(4f, 0f);
    assertThat(b.batch(1, 1).x()).containsExactly(1f, 2f);
    assertThatThrownBy(() -> batches(five().repeat(), 2, ClassMode.SPARSE, null, null))
        .hasMessageContaining("stepsPerEpoch");
  }

  @Test
  void prefetchGivesTheSameBatches() {
    SpecDataset d = five().shuffle(5, 7);
    SpecBatches plain = batches(d, 2, ClassMode.SPARSE, null, null);
    try (SpecBatches ahead = batches(d.prefetch(2), 2, ClassMode.SPARSE, null, null)) {
      for (int i = 0; i < 9; i++) {
        assertThat(ahead.next().x()).isEqualTo(plain.next().x());
      }
    }
  }

  @Test
  void aGeneratorErrorReachesTheTrainerThroughPrefetch() {
    SpecDataset broken = SpecDataset.fromGenerator(() -> new Iterator<>() {
      int n;

      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Sample next() {
        if (++n > 3) {
          throw new IllegalStateException("sensor 3 unplugged");
        }
        return Sample.of(new float[] {n}, 0);
      }
    }).repeat().prefetch(1);
    try (SpecBatches b = batches(broken, 2, ClassMode.SPARSE, null, 5)) {
      b.next();
      assertThatThrownBy(b::next).hasMessage("sensor 3 unplugged");
    }
  }

  @Test
  void filesAsSources() throws Exception {
    Path csv = dir.resolve("d.csv");
    Files.writeString(csv, "a,label,b\n1.5,1,2\n3,0,4\n");
    List<Sample> rows = SpecDataset.fromCsv(csv, "label").toList(-1);
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).x()).containsExactly(1.5f, 2f);
    assertThat(rows.get(0).label()).isEqualTo(1);
    assertThat(rows.get(1).x()).containsExactly(3f, 4f);
    Files.writeString(csv, "a,label\n1,x\n");
    assertThatThrownBy(() -> SpecDataset.fromCsv(csv, "label"))
        .hasMessageContaining("line 2, column label: expected a number, got 'x'");

    Path npz = dir.resolve("d.npz");
    Files.write(npz, NumpyFiles.npz(Map.of(
        "x", TensorData.ofFloat32(new int[] {2, 2, 1}, new float[] {1, 2, 3, 4}),
        "y", TensorData.ofFloat32(new int[] {2, 2}, new float[] {0, 1, 1, 0}))));
    List<Sample> s = SpecDataset.fromNpz(npz, "x", "y").toList(-1);
    assertThat(s.get(1).x()).containsExactly(3f, 4f);
    assertThat(s.get(0).label()).as("one-hot [0 1]").isEqualTo(1);
    assertThat(s.get(1).label()).isEqualTo(0);
    assertThatThrownBy(() -> SpecDataset.fromNpz(npz, "x", "labels")).hasMessageContaining("no array 'labels'");
    assertThatThrownBy(() -> SpecDataset.fromArrays(new float[2][1], new int[3]))
        .hasMessageContaining("2 samples and 3 labels");
  }
}
