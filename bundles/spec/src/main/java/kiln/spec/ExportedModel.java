package kiln.spec;

import java.util.ArrayList;
import java.util.List;
import kiln.api.KilnException;
import kiln.api.model.LayerGraph;
import kiln.api.model.WeightSpec;
import kiln.api.model.Weights;
import kiln.nn.Network;

/**
 * What a spec exports after training ({@link KilnModel#exportModel()}, MLTK's
 * {@code on_save_keras_model}): its layer graph, its share of the trained weights, its samples and
 * the scores the evaluator reads. For a spec that keeps the default, every method hands back what it
 * was given (the trained graph, weights, sample lists), so those specs run exactly as before.
 */
public final class ExportedModel {
  private final KilnModel model;
  private final LayerGraph trained;
  private final LayerGraph graph;

  private ExportedModel(KilnModel model, LayerGraph trained, LayerGraph graph) {
    this.model = model;
    this.trained = trained;
    this.graph = graph;
  }

  /**
   * The spec's exported network for the trained model's graph {@code trained}.
   *
   * @throws KilnException naming the spec file and line when {@code exportModel()} fails
   */
  public static ExportedModel of(KilnModel model, LayerGraph trained) {
    Network net;
    try {
      net = model.exportModel();
    } catch (SettingException e) {
      throw SpecErrors.setting(e, model.displayFile(), model.specSource());
    } catch (RuntimeException | LinkageError e) {
      throw SpecErrors.at(model.getClass(), model.displayFile(), e);
    }
    return new ExportedModel(model, trained, net == null ? trained : toGraph(model, net));
  }

  private static LayerGraph toGraph(KilnModel model, Network net) {
    try {
      return net.toGraph();
    } catch (RuntimeException | LinkageError e) {
      throw SpecErrors.at(model.getClass(), model.displayFile(), e);
    }
  }

  /** True when the spec exports the trained model itself (the default). */
  public boolean isTrainedModel() {
    return graph == trained;
  }

  /** The exported network's layer graph (the trained graph by default). */
  public LayerGraph graph() {
    return graph;
  }

  /**
   * The trained weights the exported network uses, by name.
   *
   * @throws KilnException naming the weight the trained model lacks, or whose shape differs
   */
  public Weights weights(Weights trainedWeights) {
    if (isTrainedModel()) {
      return trainedWeights;
    }
    Weights out = new Weights();
    for (WeightSpec w : graph.weights()) {
      var v = trainedWeights.asMap().get(w.name());
      if (v == null) {
        throw new KilnException(model.displayFile() + ": the exported network " + graph.name() + " has the weight "
            + w.name() + ", which the trained model " + trained.name() + " does not have; give the exported"
            + " network's layers the names they have in buildModel()");
      }
      if (!java.util.Arrays.equals(v.shape(), w.shape())) {
        throw new KilnException(model.displayFile() + ": the exported network's weight " + w.name() + " has shape "
            + java.util.Arrays.toString(w.shape()) + " but the trained one has "
            + java.util.Arrays.toString(v.shape()));
      }
      out.put(w.name(), v);
    }
    return out;
  }

  /** Samples of the exported network made from samples of the trained model, and how many each made. */
  public Split split(List<float[]> trainedSamples) {
    if (isTrainedModel()) {
      return new Split(this, trainedSamples, null);
    }
    List<float[]> x = new ArrayList<>();
    int[] counts = new int[trainedSamples.size()];
    for (int i = 0; i < counts.length; i++) {
      float[] sample = trainedSamples.get(i);
      List<float[]> made = call(() -> model.exportSamples(sample));
      if (made == null || made.isEmpty()) {
        throw new KilnException(model.displayFile() + ": exportSamples(float[]) made no sample of the exported"
            + " network from sample " + i + "; expected one or more");
      }
      counts[i] = made.size();
      x.addAll(made);
    }
    return new Split(this, x, counts);
  }

  private <T> T call(java.util.function.Supplier<T> f) {
    try {
      return f.get();
    } catch (SettingException e) {
      throw SpecErrors.setting(e, model.displayFile(), model.specSource());
    } catch (RuntimeException | LinkageError e) {
      throw SpecErrors.at(model.getClass(), model.displayFile(), e);
    }
  }

  /**
   * The exported network's samples.
   *
   * @param x the samples, in the order of the trained model's samples
   * @param counts how many of {@code x} each trained sample made (null: one each, x is the trained samples)
   */
  public record Split(ExportedModel exported, List<float[]> x, int[] counts) {
    /**
     * One score per trained sample from the exported network's outputs on {@link #x()}
     * ({@link KilnModel#exportScore(List)}); the outputs themselves for the default export.
     */
    public List<float[]> scores(List<float[]> outputs) {
      if (counts == null) {
        return outputs;
      }
      if (outputs.size() != x.size()) {
        throw new KilnException("expected " + x.size() + " outputs of the exported network, got " + outputs.size());
      }
      List<float[]> out = new ArrayList<>(counts.length);
      int k = 0;
      for (int n : counts) {
        List<float[]> group = outputs.subList(k, k + n);
        out.add(exported.call(() -> exported.model.exportScore(group)));
        k += n;
      }
      return out;
    }
  }
}
