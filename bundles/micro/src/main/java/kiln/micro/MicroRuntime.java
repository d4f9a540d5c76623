package kiln.micro;

import kiln.micro.graph.Graph;

/** Entry points of the micro runtime for other bundles (profiler, evaluator, emulators). */
public final class MicroRuntime {
  private MicroRuntime() {}

  /** Reads, validates and prepares a .tflite model. */
  public static MicroModel load(byte[] flatbuffer, String name) {
    return MicroModel.prepare(ModelLoader.loadAll(flatbuffer, name));
  }

  /** Validates a model; returns the ops it has no kernel for (see {@link MicroModel#check}). */
  public static java.util.List<String> check(byte[] flatbuffer, String name) {
    return MicroModel.check(ModelLoader.loadAll(flatbuffer, name));
  }

  /**
   * The arena bytes TFLite Micro reports for the model on a 64-bit host with its reference kernels
   * ({@link kiln.tflite.arena.ArenaModel}).
   */
  public static int arenaSize(byte[] flatbuffer, String name) {
    return arenaSize(ModelLoader.load(flatbuffer, name));
  }

  public static int arenaSize(Graph graph) {
    return Math.toIntExact(GraphArena.estimate(graph).total());
  }
}
