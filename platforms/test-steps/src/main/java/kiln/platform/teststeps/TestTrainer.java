package kiln.platform.teststeps;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import kiln.api.model.Batch;
import kiln.api.model.LayerGraph;
import kiln.api.model.LayerNode;
import kiln.api.model.TensorData;
import kiln.api.model.TrainJob;
import kiln.api.model.TrainResult;
import kiln.api.model.TrainStats;
import kiln.api.model.Trainer;
import kiln.api.model.WeightSpec;
import kiln.api.model.Weights;
import org.osgi.service.component.annotations.Component;

/**
 * A trainer written with kiln.api alone: it reads every training batch of each epoch (so the data
 * really flows) and gives seeded small random weights shaped as the graph's {@link WeightSpec}s say
 * (no learning); predict answers equal scores for every class.
 */
@Component(property = {"kiln.name=test-trainer"})
public class TestTrainer extends RecordingStep implements Trainer {
  @Override
  public String description() {
    return "test trainer: seeded random weights, no learning (platform tests)";
  }

  @Override
  public TrainResult train(TrainJob job) {
    Object e = job.settings().get("epochs");
    int epochs = e instanceof Number n ? n.intValue() : 1;
    long samples = 0;
    Map<String, List<Double>> history = new LinkedHashMap<>();
    for (int epoch = job.initialEpoch(); epoch < epochs; epoch++) {
      for (int b = 0; b < job.train().batchesPerEpoch(); b++) {
        Batch batch = job.train().next();
        samples += batch.size();
      }
      history.computeIfAbsent("loss", k -> new ArrayList<>()).add(1.0);
      history.computeIfAbsent("accuracy", k -> new ArrayList<>()).add(0.5);
    }
    record("train " + job.graph().name() + " samples=" + samples + " seed=" + job.seed());
    Random r = new Random(job.seed());
    Weights w = new Weights();
    for (WeightSpec s : job.graph().weights()) {
      float[] v = new float[(int) s.size()];
      String n = s.name();
      for (int i = 0; i < v.length; i++) {
        v[i] = n.endsWith("moving_variance") || n.endsWith("gamma") ? 1f
            : n.endsWith("moving_mean") || n.endsWith("beta") || n.endsWith("bias") ? 0f
            : (float) (r.nextGaussian() * 0.1);
      }
      w.put(n, TensorData.ofFloat32(s.shape(), v));
    }
    return new TrainResult(w, history, epochs, new TrainStats(0, 0, 0));
  }

  @Override
  public Map<String, List<float[]>> predict(LayerGraph graph, Weights weights, List<float[]> samples,
      List<String> layers) {
    record("predict " + samples.size());
    LayerNode out = graph.layer(graph.outputs().get(0));
    int classes = Arrays.stream(out.outputShape()).reduce(1, (a, b) -> a * b);
    List<float[]> scores = new ArrayList<>();
    for (int i = 0; i < samples.size(); i++) {
      float[] s = new float[classes];
      Arrays.fill(s, 1f / classes);
      scores.add(s);
    }
    return Map.of(out.name(), scores);
  }
}
