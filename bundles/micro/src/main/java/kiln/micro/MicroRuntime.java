package kiln.micro;

import kiln.micro.graph.Graph;
import kiln.tflite.Subgraph;
import kiln.tflite.TfliteModel;
import kiln.tflite.arena.ArenaModel;
import kiln.tflite.arena.Target;
import kiln.tflite.arena.TflmKernels;

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
   * The arena, 32-bit TFLM reference kernels: what TFLite Micro's {@code arena_used_bytes()}
   * reports for the model after {@code AllocateTensors()} on a 32-bit device with its reference
   * kernels ({@link kiln.tflite.arena.ArenaModel}).
   */
  public static int arenaSize(byte[] flatbuffer, String name) {
    ModelLoader.loadAll(flatbuffer, name); // the same validation as the runtime's
    // every subgraph, called or not: TFLite Micro's MicroAllocator allocates them all
    return Math.toIntExact(ArenaModel.estimate(TfliteModel.read(flatbuffer, name)).total());
  }

  /** {@link #arenaSize(byte[], String)} of a loaded graph (a model of one subgraph). */
  public static int arenaSize(Graph graph) {
    return Math.toIntExact(GraphArena.estimate(graph).total());
  }

  /**
   * {@link #arenaSize(byte[], String)} of a model's loaded subgraphs, the main one first: every
   * subgraph is allocated and planned with the main one, as TFLite Micro's MicroAllocator does.
   * {@code ModelLoader.loadAll} leaves out the other subgraphs when the main one calls none;
   * {@link #arenaSize(byte[], String)} counts those too, as TFLite Micro does.
   */
  public static int arenaSize(java.util.List<Graph> graphs) {
    return Math.toIntExact(GraphArena.estimate(graphs).total());
  }

  /**
   * The arena, 32-bit TFLM with CMSIS-NN kernels (Cortex-M33 with DSP, no MVE, as MLTK's boards
   * run): the reference figure with CMSIS-NN's conv, depthwise conv, fully connected, softmax and
   * pooling kernels, their OpData and scratch buffers from CMSIS-NN's {@code *_get_buffer_size}
   * formulas. Derived from the sources; no board measurement backs it.
   */
  public static int arenaSizeCmsisNn(byte[] flatbuffer, String name) {
    ModelLoader.loadAll(flatbuffer, name); // the same validation as the runtime's
    java.util.List<Subgraph> model = TfliteModel.read(flatbuffer, name).subgraphs();
    return Math.toIntExact(
        ArenaModel.estimate(model, Target.CORTEX_M, TflmKernels.CMSIS_NN).total());
  }
}
