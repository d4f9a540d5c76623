import static kiln.nn.Args.kw;

import java.util.List;
import kiln.api.data.FrontendSettings;
import kiln.nn.*;
import kiln.spec.*;

/**
 * The search space of kiln.tune's test: a tiny keyword model on the embedded yes_no dataset, with
 * 2 x 2 points (filters, spectrogram channels). @kiln_model
 */
public class tune_tiny extends KilnModel implements TrainMixin, AudioDatasetMixin, EvaluateClassifierMixin {
  public tune_tiny() {
    epochs = 2;
    batchSize = 32;
    optimizer = "adam";
    loss = "categorical_crossentropy";
    checkpoint.put("monitor", "accuracy");
    tfliteConverter.put("optimizations", List.of("DEFAULT"));
    tfliteConverter.put("supported_ops", List.of("TFLITE_BUILTINS_INT8"));
    tfliteConverter.put("inference_input_type", "int8");
    tfliteConverter.put("inference_output_type", "int8");
    tfliteConverter.put("representative_dataset", "generate");
    dataset = "yes_no";
    classes = List.of("yes", "no", "_unknown_", "_silence_");
    FrontendSettings frontend = FrontendSettings.builder()
        .sampleRateHz(16000).sampleLengthMs(1000).windowSizeMs(30).windowStepMs(20)
        .filterbankNChannels(hp.choice("fe.filterbank_n_channels", 10, 20))
        .build();
    datagen = new ParallelAudioDataGenerator(kw(
        "dtype", "int8",
        "frontend_settings", frontend,
        "cores", 0.5,
        "validation_split", 0.2,
        "unknown_class_percentage", 1.0,
        "silence_class_percentage", 0.2,
        "max_samples_per_class", 60));
  }

  @Override
  public Network buildModel() {
    Sequential m = new Sequential(name());
    m.add(new InputLayer(inputShape()));
    m.add(new Conv2D(kw("filters", hp.choice("filters", 2, 8), "kernel_size", List.of(5, 5), "padding", "same",
        "strides", List.of(2, 2))));
    m.add(new Activation("relu"));
    m.add(new Flatten());
    m.add(new Dense(kw("units", nClasses(), "activation", "softmax")));
    return m;
  }
}
