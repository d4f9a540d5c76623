package kiln.tensorflow.train;

import static kiln.nn.Args.kw;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.api.Progress;
import kiln.api.model.TrainJob;
import kiln.api.model.TrainResult;
import kiln.api.model.Weights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TmpReproTest {
  @TempDir Path tmp;

  static String diff(Weights x, Weights y) {
    double max = 0;
    String where = "";
    for (var e : x.asMap().entrySet()) {
      float[] p = e.getValue().toFloats();
      float[] q = y.get(e.getKey()).toFloats();
      for (int i = 0; i < p.length; i++) {
        if (Math.abs(p[i] - q[i]) > max) {
          max = Math.abs(p[i] - q[i]);
          where = e.getKey() + "[" + i + "]";
        }
      }
    }
    return max + " " + where;
  }

  TrainResult train(Map<String, Object> s, int from, Path dir) {
    return new TensorFlowTrainer().train(new TrainJob(TrainerTest.model(), s, new ResumeTest.Fresh(8, 1),
        new ResumeTest.Fresh(2, 9), null, from, dir, 7, Progress.NONE));
  }

  @Test
  void repro() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("optimizer", kw("name", "adam", "learning_rate", 0.01));
    s.put("epochs", 8);
    s.put("checkpoint", kw("monitor", "loss", "save_best_only", false));
    s.put("early_stopping", kw("monitor", "loss", "patience", 4, "min_delta", 10.0));
    s.put("reduce_lr_on_plateau", kw("monitor", "loss", "factor", 0.5, "patience", 1, "min_delta", 10.0, "cooldown", 2));
    for (int rep = 0; rep < 6; rep++) {
      Path a = tmp.resolve("a" + rep);
      Path b = tmp.resolve("b" + rep);
      Path c = tmp.resolve("c" + rep);
      TrainResult x = train(s, 0, a);
      TrainResult y = train(s, 0, b);
      Map<String, Object> k = new LinkedHashMap<>(s);
      k.put("epochs", 3);
      train(k, 0, c);
      TrainResult z = train(s, 3, c);
      Checkpoints ca = new Checkpoints(a);
      Checkpoints cc = new Checkpoints(c);
      System.out.println("REPRO straight/straight " + diff(x.weights(), y.weights()) + " | resumed/straight "
          + diff(z.weights(), x.weights()) + " | w3 " + diff(Checkpoints.readWeights(ca.weights(3)),
          Checkpoints.readWeights(cc.weights(3))) + " | opt3 " + diff(Checkpoints.readWeights(ca.optimizer(3)),
          Checkpoints.readWeights(cc.optimizer(3))) + " | w4 " + diff(Checkpoints.readWeights(ca.weights(4)),
          Checkpoints.readWeights(cc.weights(4))) + " loss " + x.history().get("loss") + " " + z.history().get("loss"));
    }
  }
}
