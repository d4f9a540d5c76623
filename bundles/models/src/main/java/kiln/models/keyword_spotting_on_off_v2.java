package kiln.models;

import static kiln.nn.Args.kw;

import java.util.List;
import kiln.api.data.FrontendSettings;
import kiln.nn.Activation;
import kiln.nn.BatchNormalization;
import kiln.nn.Conv2D;
import kiln.nn.Dense;
import kiln.nn.Dropout;
import kiln.nn.Flatten;
import kiln.nn.InputLayer;
import kiln.nn.MaxPooling2D;
import kiln.nn.Network;
import kiln.nn.Sequential;
import kiln.spec.AudioDatasetMixin;
import kiln.spec.EvaluateClassifierMixin;
import kiln.spec.KilnModel;
import kiln.spec.ParallelAudioDataGenerator;
import kiln.spec.TrainMixin;

/**
 * MLTK's keyword_spotting_on_off_v2 (mltk/models/siliconlabs/keyword_spotting_on_off_v2.py): "on"
 * and "off", the "student" CNN of MLTK's knowledge distillation (five 3x3 conv stages of 10 to 40
 * filters over a 99x68 spectrogram).
 *
 * <p>MLTK first trains a larger "teacher" CNN (48 to 192 filters, TRAIN_TEACHER=1) and then the
 * student against the teacher's softened outputs (KL divergence at temperature 10, alpha 0.1).
 * Kiln's trainer has no distillation, so this spec trains the student directly on the labels; its
 * early stopping watches val_loss where MLTK's watches the distiller's val_student_loss.
 *
 * <p>MLTK builds its data with its own tf.data pipeline: Google Speech Commands v2 with Silicon
 * Labs' synthetic on/off recordings (synthetic_on_off_v1) and synthetic unknown words, mixed with
 * background noise recorded on the BRD2601 board and ambient recordings, each clip peak-normalized,
 * noise-reduced and augmented with audiomentations (time stretch, gain, background noise, Gaussian
 * noise), and cropped keywords added as _unknown_. Kiln has no provider for it, so {@code train}
 * names {@code synthetic_on_off_v1} as missing; the generator below carries MLTK's frontend
 * settings and validation split only.
 *
 * <p>@kiln_model
 */
public class keyword_spotting_on_off_v2 extends KilnModel
    implements TrainMixin, AudioDatasetMixin, EvaluateClassifierMixin {

  public keyword_spotting_on_off_v2() {
    version = 2;
    description = "Keyword spotting classifier to detect: \"on\" and \"off\", version 2";

    epochs = 75;
    batchSize = 32;
    optimizer = "adam";
    metrics = List.of("accuracy");
    loss = "categorical_crossentropy";
    checkpoint.put("monitor", "val_accuracy");
    reduceLrOnPlateau = kw("monitor", "accuracy", "factor", 0.95, "patience", 1, "min_delta", 0.01);
    earlyStopping = kw("monitor", "val_loss", "mode", "min", "verbose", 1, "patience", 30,
        "min_delta", 0.0001);

    tfliteConverter.put("optimizations", List.of("DEFAULT"));
    tfliteConverter.put("supported_ops", List.of("TFLITE_BUILTINS_INT8"));
    tfliteConverter.put("inference_input_type", "int8");
    tfliteConverter.put("inference_output_type", "int8");
    tfliteConverter.put("representative_dataset", "generate");

    dataset = "synthetic_on_off_v1";
    classMode = "categorical";
    classes = List.of("on", "off", "_unknown_");
    classWeights = "balanced";

    FrontendSettings frontend = FrontendSettings.builder()
        .sampleRateHz(16000)
        .sampleLengthMs(1000)
        .windowSizeMs(20)
        .windowStepMs(10)
        .filterbankNChannels(68)
        .filterbankUpperBandLimit(16000 / 2)
        .filterbankLowerBandLimit(125.0f)
        .noiseReductionEnable(true)
        .noiseReductionSmoothingBits(10)
        .noiseReductionEvenSmoothing(0.025f)
        .noiseReductionOddSmoothing(0.06f)
        .noiseReductionMinSignalRemaining(0.03f)
        .pcanEnable(false)
        .logScaleEnable(true)
        .logScaleShift(6)
        .dcNotchFilterEnable(true)
        .dcNotchFilterCoefficient(0.95f)
        .quantizeDynamicScaleEnable(true)
        .quantizeDynamicScaleRangeDb(40.0f)
        .build();

    datagen = new ParallelAudioDataGenerator(kw(
        "dtype", "int8",
        "frontend_settings", frontend,
        "validation_split", 0.2));

    modelParameters.put("latency_ms", 200);
    modelParameters.put("minimum_count", 2);
    modelParameters.put("average_window_duration_ms", (int) (200 * 2 * 1.1));
    modelParameters.put("detection_threshold", (int) (.65 * 255));
    modelParameters.put("suppression_ms", 900);
    modelParameters.put("volume_gain", 0);
    modelParameters.put("verbose_model_output_logs", false);
  }

  /** Model layout: the student, conv 10, 20, 40, 40, 20 (3x3) + BN + ReLU + max pool; dropout 0.3; dense. */
  @Override
  public Network buildModel() {
    int filters = 10;
    Sequential model = new Sequential(name());
    model.add(new InputLayer(inputShape()));
    int[] stages = {filters, filters * 2, filters * 4, filters * 4, filters * 2};
    for (int i = 0; i < stages.length; i++) {
      model.add(new Conv2D(kw("filters", stages[i], "kernel_size", List.of(3, 3), "padding", "same")));
      model.add(new BatchNormalization());
      model.add(new Activation("relu"));
      if (i < stages.length - 1) {
        model.add(new MaxPooling2D(2, 2));
      }
    }
    // pool the whole remaining time axis
    kiln.api.model.LayerGraph sofar = model.toGraph();
    int frames = sofar.layer(sofar.outputs().get(0)).outputShape()[0];
    model.add(new MaxPooling2D(frames, 1));
    model.add(new Dropout(0.3));
    model.add(new Flatten());
    model.add(new Dense(kw("units", nClasses(), "activation", "softmax")));
    return model;
  }
}
