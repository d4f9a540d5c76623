package kiln.models;

import static kiln.nn.Args.kw;

import java.util.List;
import kiln.nn.Dense;
import kiln.nn.InputLayer;
import kiln.nn.Network;
import kiln.nn.Sequential;
import kiln.spec.DatasetMixin;
import kiln.spec.EvaluateAutoEncoderMixin;
import kiln.spec.KilnModel;
import kiln.spec.TrainMixin;

/**
 * MLTK's autoencoder_example (mltk/models/examples/autoencoder_example.py): a dense autoencoder of
 * ECG5000 heartbeats (140 samples each, scaled to [0, 1]) trained on the normal beats only, so the
 * reconstruction error flags abnormal ones. MLTK downloads TensorFlow's ecg.csv itself; Kiln has no
 * {@code ecg5000} provider, so {@code train} names it as missing.
 *
 * <p>@kiln_model
 */
public class autoencoder_example extends KilnModel
    implements TrainMixin, DatasetMixin, EvaluateAutoEncoderMixin {

  public autoencoder_example() {
    version = 1;
    description = "Autoencoder example to detect anomalies in ECG dataset";

    inputShape = new int[] {140};
    epochs = 20;
    batchSize = 512;
    optimizer = "adam";
    metrics = List.of("mae");
    loss = "mae";
    checkpoint.put("monitor", "val_loss");
    checkpoint.put("mode", "auto");

    tfliteConverter.put("optimizations", List.of("DEFAULT"));
    tfliteConverter.put("supported_ops", List.of("TFLITE_BUILTINS_INT8"));
    tfliteConverter.put("inference_input_type", "float32");
    tfliteConverter.put("inference_output_type", "float32");
    tfliteConverter.put("representative_dataset", "generate");

    dataset = "ecg5000";
    classMode = "input";
    classes = List.of("normal", "abnormal");
    validationSplit = 0.2;
  }

  /** Model layout: encoder dense 32, 16, 8 and decoder dense 16, 32, 140 (sigmoid). */
  @Override
  public Network buildModel() {
    Sequential model = new Sequential(name());
    model.add(new InputLayer(inputShape()));
    for (int units : new int[] {32, 16, 8, 16, 32}) {
      model.add(new Dense(kw("units", units, "activation", "relu")));
    }
    model.add(new Dense(kw("units", inputShape()[0], "activation", "sigmoid")));
    return model;
  }
}
