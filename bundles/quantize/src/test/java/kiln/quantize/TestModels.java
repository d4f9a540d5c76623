package kiln.quantize;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import kiln.api.model.LayerGraph;
import kiln.api.model.TensorData;
import kiln.api.model.Weights;
import kiln.nn.GraphWeights;
import kiln.api.model.WeightSpec;
import kiln.spec.KilnModel;
import kiln.spec.SearchPath;
import kiln.spec.SearchPathModelFinder;

/** Reference specs, random weights and samples for the quantizer tests. */
public final class TestModels {
  /** Kiln's micro runtime as the Interpreter service that calibrates. */
  public static final kiln.api.model.Interpreter MICRO = new kiln.micro.internal.MicroInterpreterService();

  private TestModels() {}

  public static KilnModel spec(String name, Path emptyDir) {
    return new SearchPathModelFinder(
        () -> new SearchPath(List.of(new SearchPath.Root(emptyDir, false, "test"))),
        kiln.models.ReferenceSpecs::all).load(name);
  }

  /** Glorot-like random weights; batch-norm variances positive, gammas near 1. */
  public static Weights randomWeights(LayerGraph g, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Weights w = new Weights();
    for (WeightSpec s : GraphWeights.of(g)) {
      int n = (int) s.size();
      float[] v = new float[n];
      int[] shape = s.shape();
      int fanIn = 1;
      for (int i = 0; i < shape.length - 1; i++) {
        fanIn *= shape[i];
      }
      double limit = Math.sqrt(3.0 / Math.max(1, fanIn));
      String name = s.name();
      for (int i = 0; i < n; i++) {
        if (name.endsWith("moving_variance")) {
          v[i] = (float) (0.5 + r.nextDouble());
        } else if (name.endsWith("gamma")) {
          v[i] = (float) (0.8 + 0.4 * r.nextDouble());
        } else if (name.endsWith("moving_mean") || name.endsWith("beta") || name.endsWith("bias")) {
          v[i] = (float) (0.2 * (r.nextDouble() - 0.5));
        } else {
          v[i] = (float) (limit * (2 * r.nextDouble() - 1));
        }
      }
      w.put(name, TensorData.ofFloat32(shape, v));
    }
    return w;
  }

  /** Samples of int8 features (whole numbers in [-128, 127]) like the audio datagen's int8 dtype. */
  public static List<float[]> int8Samples(int count, int size, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<float[]> out = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      float[] s = new float[size];
      for (int i = 0; i < size; i++) {
        s[i] = r.nextInt(-128, 128);
      }
      s[0] = -128;
      s[1] = 127;
      out.add(s);
    }
    return out;
  }

  public static List<float[]> floatSamples(int count, int size, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<float[]> out = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      float[] s = new float[size];
      for (int i = 0; i < size; i++) {
        s[i] = (float) (2 * r.nextDouble() - 1);
      }
      out.add(s);
    }
    return out;
  }

  public static Path fixtures() {
    return Path.of(System.getProperty("kiln.fixtures", "../../../shared/fixtures"));
  }

  public static boolean hasFixtures() {
    return Files.isDirectory(fixtures().resolve("mltk"));
  }

  public static int inputSize(LayerGraph g) {
    int n = 1;
    for (int d : g.layer(g.inputs().get(0)).outputShape()) {
      n *= d;
    }
    return n;
  }
}
