package kiln.tensorflow.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kiln.api.Progress;
import kiln.api.model.Batch;
import kiln.api.model.BatchSource;
import kiln.api.model.TrainJob;
import kiln.api.model.Weights;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Batches fed through reusable tensors, and a session moved to another thread count, train
 * exactly as before: compared with a fresh tensor per batch (copied here) and with a session that
 * never moved.
 */
class BatchFeedTest {
  private static ModelSession session(int threads) {
    return ModelSession.forTraining(TrainerTest.model(), null, 5, OptimizerConfig.parse("adam"),
        LossConfig.CATEGORICAL_CROSSENTROPY, "cpu", threads);
  }

  private static List<Batch> batches() {
    ResumeTest.Fresh source = new ResumeTest.Fresh(4, 3);
    List<Batch> out = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      out.add(source.next());
    }
    // a short last batch: another shape, its own slots
    Batch b = source.next();
    out.add(new Batch(java.util.Arrays.copyOf(b.x(), 5 * 64), new int[] {5, 8, 8, 1},
        java.util.Arrays.copyOf(b.y(), 5 * 2), new int[] {5, 2}, null));
    return out;
  }

  @Test
  void stagedTensorsHoldTheBatchAndAreReused() {
    try (ModelSession s = session(1)) {
      Batch a = batches().get(0);
      BatchTensors.Staged first = s.stage(a);
      float[] back = new float[a.x().length];
      first.x().copyTo(DataBuffers.of(back, false, false));
      assertThat(back).containsExactly(a.x());
      first.close();
      Batch b = batches().get(1);
      try (BatchTensors.Staged second = s.stage(b)) {
        assertThat(second).isSameAs(first); // the slot came back and was refilled
        second.y().copyTo(DataBuffers.of(back, false, false));
        assertThat(java.util.Arrays.copyOf(back, b.y().length)).containsExactly(b.y());
      }
    }
  }

  @Test
  void stagedStepsMatchFreshTensorSteps() {
    List<Batch> data = batches();
    List<Double> staged = new ArrayList<>();
    List<Double> fresh = new ArrayList<>();
    try (ModelSession s = session(1)) {
      long step = 0;
      // staged ahead in a ring of slots, as the prefetcher does, released after their step
      List<BatchTensors.Staged> inFlight = new ArrayList<>();
      for (Batch b : data) {
        inFlight.add(s.stage(b));
      }
      for (BatchTensors.Staged b : inFlight) {
        staged.add(s.trainStep(b, 1e-2, ++step, 1, step).loss());
        b.close();
      }
    }
    try (ModelSession s = session(1)) {
      long step = 0;
      for (Batch b : data) {
        fresh.add(s.trainStep(b, 1e-2, ++step, 1, step).loss());
      }
    }
    assertThat(staged).isEqualTo(fresh);
  }

  @Test
  void movingToAnotherThreadCountKeepsEveryVariableAndSlot() {
    List<Batch> data = batches();
    Weights moved;
    Weights movedSlots;
    try (ModelSession s = session(1)) {
      for (int i = 0; i < 3; i++) {
        s.trainStep(data.get(i), 1e-2, i + 1, 1, i);
      }
      Weights before = s.weights();
      s.intraOpThreads(2);
      assertThat(s.intraOpThreads()).isEqualTo(2);
      assertThat(s.weights().asMap().keySet()).isEqualTo(before.asMap().keySet());
      before.asMap().forEach((k, v) -> assertThat(s.weights().get(k).toFloats()).containsExactly(v.toFloats()));
      s.intraOpThreads(1); // back: the later steps compare with a session that never moved
      for (int i = 3; i < 6; i++) {
        s.trainStep(data.get(i), 1e-2, i + 1, 1, i);
      }
      moved = s.weights();
      movedSlots = s.optimizerState();
    }
    try (ModelSession s = session(1)) {
      for (int i = 0; i < 6; i++) {
        s.trainStep(data.get(i), 1e-2, i + 1, 1, i);
      }
      Weights w = s.weights();
      Weights o = s.optimizerState();
      w.asMap().forEach((k, v) -> assertThat(moved.get(k).toFloats()).as(k).containsExactly(v.toFloats()));
      o.asMap().forEach((k, v) -> assertThat(movedSlots.get(k).toFloats()).as(k).containsExactly(v.toFloats()));
    }
  }

  /** A source with workers that reports its cost, as the parallel generators do. */
  static final class Measured implements BatchSource {
    final ResumeTest.Fresh fresh = new ResumeTest.Fresh(30, 4);
    final List<Integer> workerCalls = new ArrayList<>();

    @Override
    public int batchesPerEpoch() {
      return fresh.batchesPerEpoch();
    }

    @Override
    public Batch next() {
      return fresh.next();
    }

    @Override
    public int workerThreads() {
      return 1;
    }

    @Override
    public void workerThreads(int n) {
      workerCalls.add(n);
    }

    @Override
    public double cpuSecondsPerSample() {
      return 1e-3; // 1,000 samples per CPU-second
    }
  }

  @Test
  void trainerChoosesAndLogsTheBudgetOnce() {
    Measured source = new Measured();
    List<String> lines = new ArrayList<>();
    Progress log = new Progress() {
      @Override
      public void report(String task, long done, long total) {}

      @Override
      public void message(String line) {
        lines.add(line);
      }
    };
    new TensorFlowTrainer().train(new TrainJob(TrainerTest.model(), Map.of("epochs", 2), source, null, null, 0,
        null, 1, log));
    List<String> budget = lines.stream().filter(l -> l.startsWith("Core budget")).toList();
    assertThat(budget).hasSize(1);
    int cores = Runtime.getRuntime().availableProcessors();
    assertThat(budget.get(0)).contains("measured 1,000 samples per CPU-second each").startsWith("Core budget: " + cores + " cores");
    // the initial split, then the chosen one
    assertThat(source.workerCalls).hasSize(2);
    assertThat(source.workerCalls.get(0)).isEqualTo(1);
    assertThat(source.workerCalls.get(1)).isBetween(1, cores);
  }

  @Test
  void budgetOffLeavesTheGeneratorAlone() {
    Measured source = new Measured();
    new TensorFlowTrainer().train(new TrainJob(TrainerTest.model(), Map.of("epochs", 1, "core_budget", false), source,
        null, null, 0, null, 1, Progress.NONE));
    assertThat(source.workerCalls).isEmpty();
  }
}
