package kiln.models;

import java.util.List;
import kiln.api.KilnException;
import kiln.nn.Network;
import kiln.spec.DatasetMixin;
import kiln.spec.KilnModel;
import kiln.spec.TrainMixin;

/**
 * MLTK's (and YZLite's) siamese_contrastive (mltk/models/examples/siamese_contrastive.py): whether
 * two MNIST digits are the same, from pairs made of Kiln's {@code mnist} images (30,000 training,
 * 30,000 validation, the test set for evaluation). One embedding network (batch norm, conv 4 and 16
 * 5x5 tanh with 2x2 average pooling, batch norm, dense 10 tanh) is applied to both images; the two
 * embeddings are concatenated and scored by dense 64, 16 and one sigmoid unit, trained with a
 * contrastive loss (margin 1) and RMSprop.
 *
 * <p>Kiln cannot build it yet: its functional API applies a layer once (no shared embedding
 * network), its trainer and quantizer take models with one input and MLTK's pair-making loader has
 * no Kiln setting. Building the model fails naming them. The contrastive loss itself is Kiln's
 * {@code contrastive} loss.
 *
 * <p>@kiln_model
 */
public class siamese_contrastive extends KilnModel implements TrainMixin, DatasetMixin {

  public siamese_contrastive() {
    version = 1;
    description = "Image similarity estimation using a Siamese Network with a contrastive loss";

    epochs = 10;
    batchSize = 16;
    // MLTK: ContrastiveLoss(margin=1.0) = mean((1 - y) * p^2 + y * max(1 - p, 0)^2)
    loss = "contrastive";
    metrics = List.of("accuracy");
    optimizer = "rmsprop";

    tfliteConverter.put("optimizations", List.of("DEFAULT"));
    tfliteConverter.put("supported_ops", List.of("TFLITE_BUILTINS_INT8"));
    tfliteConverter.put("inference_input_type", "float32");
    tfliteConverter.put("inference_output_type", "float32");
    // MLTK: the first 100 batches of training pairs
    tfliteConverter.put("representative_dataset", "generate");

    dataset = "mnist";
    classMode = "binary";
    inputShape = new int[] {28, 28, 1};
  }

  @Override
  public Network buildModel() {
    throw missing(
        "shared layers (one embedding network applied to both inputs; kiln.nn applies a layer once)",
        "models with two inputs in the trainer and the quantizer",
        "MLTK's pair-making dataset loader (same/different digit pairs)");
  }

  /** The spec keeps MLTK's settings; its model cannot be built until Kiln has these. */
  private KilnException missing(String... what) {
    return new KilnException(name() + ": MLTK's layout needs what Kiln does not have yet: "
        + String.join("; ", what) + ". The spec keeps MLTK's settings; its model cannot be built until these"
        + " exist in kiln.nn and the trainer");
  }
}
