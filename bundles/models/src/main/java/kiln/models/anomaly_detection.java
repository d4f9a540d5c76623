package kiln.models;

import static kiln.nn.Args.kw;

import java.util.List;
import kiln.nn.Activation;
import kiln.nn.BatchNormalization;
import kiln.nn.Dense;
import kiln.nn.Flatten;
import kiln.nn.Input;
import kiln.nn.Model;
import kiln.nn.Network;
import kiln.nn.Reshape;
import kiln.nn.Tensor;
import kiln.spec.EvaluateAutoEncoderMixin;
import kiln.spec.ImageDatasetMixin;
import kiln.spec.KilnModel;
import kiln.spec.ParallelImageDataGenerator;
import kiln.spec.TrainMixin;

/**
 * MLTK's tinyml anomaly_detection (mltk/models/tinyml/anomaly_detection.py): the MLPerf Tiny
 * fully connected autoencoder for ToyADMOS toy-car machine sounds, 5 frames of a 128-bin log-mel
 * spectrogram in and out. MLTK downloads its preprocessed features (features_toy_car_all.7z,
 * datasets/toyadmos/preprocessed/v1); Kiln has no {@code toyadmos} provider yet, so {@code train}
 * names it as missing. MLTK's reshape callback (a random 5-frame window of each clip while
 * training, the middle window otherwise) has no Kiln setting.
 *
 * <p>@kiln_model
 */
public class anomaly_detection extends KilnModel
    implements TrainMixin, ImageDatasetMixin, EvaluateAutoEncoderMixin {

  public anomaly_detection() {
    version = 1;
    description = "TinyML: Anonomly Detection - Fully Connect AutoEncoder with ToyADMOS";

    epochs = 100;
    batchSize = 40;
    optimizer = "adam";
    loss = "mean_squared_error";
    metrics = List.of("mean_squared_error");
    checkpoint.put("monitor", "val_loss");
    checkpoint.put("mode", "auto");

    dataset = "toyadmos:preprocessed/v1";
    // the autoencoder reproduces its input
    classMode = "input";
    classes = List.of("normal");
    classWeights = null;
    inputShape = new int[] {5, 128, 1};

    datagen = new ParallelImageDataGenerator(kw(
        "cores", 0.35,
        "max_batches_pending", 16,
        "debug", false,
        "validation_split", 0.1));
  }

  /** Model layout: MLTK's FullyConnectedAutoEncoder (dense 128 x4, latent 8, dense 128 x4, each with BN + ReLU). */
  @Override
  public Network buildModel() {
    int[] shape = inputShape();
    Tensor in = Input.of(shape);
    Tensor x = new Flatten().apply(in);
    for (int units : new int[] {128, 128, 128, 128, 8, 128, 128, 128, 128}) {
      x = new Dense(kw("units", units)).apply(x);
      x = new BatchNormalization().apply(x);
      x = new Activation("relu").apply(x);
    }
    x = new Dense(kw("units", shape[0] * shape[1] * shape[2])).apply(x);
    // dynamic_batch: MLTK's file computes the batch size (SHAPE, STRIDED_SLICE, PACK) before this RESHAPE
    Tensor out = new Reshape(kw("target_shape", List.of(shape[0], shape[1], shape[2]), "dynamic_batch", true)).apply(x);
    return new Model(name(), in, out);
  }
}
