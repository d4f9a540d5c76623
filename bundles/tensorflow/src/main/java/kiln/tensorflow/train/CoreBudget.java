package kiln.tensorflow.train;

import java.util.Locale;

/**
 * How the trainer shares the CPU cores between the data generator's worker threads and
 * TensorFlow's intra-op threads, from their measured rates, so that the two sides together ask
 * for no more CPU time than the cores have.
 *
 * <p>The rule: with {@code c} cores, the generator making {@code g} samples per CPU-second per
 * worker (its workers' thread CPU time) and TensorFlow training {@code s} samples per second per
 * intra-op thread (timed over the first steps), {@code w} workers and {@code k} threads are
 * expected to train at {@code min(w * g, k * s, c / (1/g + 1/s))} samples per second: neither
 * side runs faster than its threads allow, and each sample costs {@code 1/g + 1/s} CPU-seconds of
 * the {@code c} the cores give per second. The trainer takes the split with the highest expected
 * rate and, among equal ones, the fewest threads ({@code w + k}, then fewer workers). A side that
 * waits for the other sleeps (the generator's queue is full, or the trainer waits for a batch), so
 * {@code w + k} may exceed {@code c} when one side is much cheaper: the data-bound trainer then
 * hands its idle share to more workers. It assumes each side scales linearly with its threads,
 * which flatters TensorFlow's small steps.
 *
 * @param workers the generator's worker threads
 * @param tensorFlowThreads TensorFlow's intra-op threads
 */
record CoreBudget(int workers, int tensorFlowThreads) {
  /**
   * The split before anything is measured: the generator keeps its own thread count up to
   * {@code c - 1} and TensorFlow takes the other cores, so the first steps time each side alone.
   */
  static CoreBudget initial(int cores, int requestedWorkers) {
    if (cores <= 1) {
      return new CoreBudget(1, 1);
    }
    int w = Math.max(1, Math.min(requestedWorkers, cores - 1));
    return new CoreBudget(w, cores - w);
  }

  /** The split with the highest expected rate for the measured rates (see the class comment). */
  static CoreBudget choose(int cores, double samplesPerWorker, double samplesPerThread) {
    int c = Math.max(1, cores);
    CoreBudget best = new CoreBudget(1, 1);
    double bestRate = best.expected(c, samplesPerWorker, samplesPerThread);
    for (int total = 2; total <= 2 * c; total++) {
      for (int w = Math.max(1, total - c); w <= Math.min(c, total - 1); w++) {
        CoreBudget b = new CoreBudget(w, total - w);
        double rate = b.expected(c, samplesPerWorker, samplesPerThread);
        if (rate > bestRate * (1 + 1e-9)) { // strictly better: fewer threads win ties
          best = b;
          bestRate = rate;
        }
      }
    }
    return best;
  }

  /** Samples per second this split is expected to train at on {@code cores} cores. */
  double expected(int cores, double samplesPerWorker, double samplesPerThread) {
    double shared = cores / (1 / samplesPerWorker + 1 / samplesPerThread);
    return Math.min(Math.min(workers * samplesPerWorker, tensorFlowThreads * samplesPerThread), shared);
  }

  /** The log line: the split and the rates it was chosen from. */
  String describe(int cores, double samplesPerWorker, double samplesPerThread) {
    return String.format(Locale.ROOT, "Core budget: %d cores -> %d data generator worker%s (measured %,.0f samples"
        + " per CPU-second each), %d TensorFlow intra-op thread%s (measured %,.0f samples/s each); expected"
        + " %,.0f samples/s", cores, workers, workers == 1 ? "" : "s", samplesPerWorker, tensorFlowThreads,
        tensorFlowThreads == 1 ? "" : "s", samplesPerThread, expected(cores, samplesPerWorker, samplesPerThread));
  }
}
