package kiln.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import kiln.api.data.FrontendSettings;
import org.junit.jupiter.api.Test;

/** Kiln's defaults are MLTK's (mltk/core/model/mixins/*.py, ParallelAudioDataGenerator). */
class KilnModelDefaultsTest {
  static class Plain extends KilnModel implements TrainMixin, AudioDatasetMixin {}

  @Test
  void defaultsEqualMltk() {
    Plain m = new Plain();
    assertThat(m.version).isEqualTo(1);
    assertThat(m.epochs).isEqualTo(100);
    assertThat(m.batchSize).isEqualTo(32);
    assertThat(m.optimizer).isEqualTo("adam");
    assertThat(m.loss).isEqualTo("categorical_crossentropy");
    assertThat(m.metrics).containsExactly("accuracy");
    assertThat(m.checkpoint).containsExactly(Map.entry("monitor", "val_accuracy"), Map.entry("save_best_only", true),
        Map.entry("save_weights_only", true), Map.entry("mode", "auto"), Map.entry("save_freq", "epoch"),
        Map.entry("verbose", 0));
    assertThat(m.earlyStopping).isNull();
    assertThat(m.reduceLrOnPlateau).isNull();
    assertThat(m.lrSchedule).isNull();
    assertThat(m.tensorboard).isNull();
    assertThat(m.classWeights).isNull();
    assertThat(m.validationSplit).isEqualTo(0.0);
    assertThat(m.classMode).isEqualTo("categorical");
    assertThat(m.tfliteConverterSettings()).containsEntry("optimizations", List.of("DEFAULT"))
        .containsEntry("supported_ops", List.of("TFLITE_BUILTINS_INT8"))
        .containsEntry("inference_input_type", "float32").containsEntry("inference_output_type", "float32")
        .containsEntry("representative_dataset", "generate")
        .containsEntry("representative_dataset_max_samples", 1000)
        .containsEntry("generate_unquantized", true);
    assertThat(m.evalMaxSamplesPerClass).isEqualTo(-1);
    assertThat(m.evalClasses).containsExactly("normal", "abnormal");
    ParallelAudioDataGenerator g = new ParallelAudioDataGenerator();
    assertThat(g.settings()).containsEntry("cores", 0.25).containsEntry("max_batches_pending", 4)
        .containsEntry("validation_augmentation_enabled", true).containsEntry("trim_threshold_db", 20.0)
        .containsEntry("offset_range", List.of(0.0, 1.0)).containsEntry("unknown_class_percentage", 1.0)
        .containsEntry("silence_class_percentage", 0.6).containsEntry("dtype", "float32")
        .containsEntry("bg_noise_range", null).containsEntry("add_channel_dimension", true);
    m.validate();
  }

  @Test
  void audioInputShapeFollowsTheFrontend() {
    Plain m = new Plain();
    ParallelAudioDataGenerator g = new ParallelAudioDataGenerator();
    g.frontendSettings =
        FrontendSettings.builder().windowSizeMs(30).windowStepMs(20).filterbankNChannels(40).build();
    m.datagen = g;
    assertThat(m.inputShape()).containsExactly(49, 40, 1);
    g.frontendSettings = g.frontendSettings.toBuilder().sampleLengthMs(1200).filterbankNChannels(49).build();
    assertThat(m.inputShape()).containsExactly(59, 49, 1); // audio_example1
  }

  @Test
  void trainSettingsFillKerasDefaultsAndDropDisabledCallbacks() {
    Plain m = new Plain();
    m.reduceLrOnPlateau = Map.of("monitor", "accuracy", "factor", 0.25, "patience", 7);
    Map<String, Object> s = m.trainSettings();
    assertThat(s).doesNotContainKeys("early_stopping", "tensorboard", "lr_schedule", "class_weights");
    assertThat(s.get("reduce_lr_on_plateau")).isEqualTo(Map.of("monitor", "accuracy", "factor", 0.25,
        "patience", 7, "mode", "auto", "min_delta", 1e-4, "cooldown", 0, "min_lr", 0.0, "verbose", 0));
    assertThat(s).containsEntry("epochs", 100).containsEntry("batch_size", 32).containsEntry("core_budget", true);
    m.coreBudget = false;
    assertThat(m.trainSettings()).containsEntry("core_budget", false);
  }

  @Test
  void badValuesNameTheSetting() {
    Plain m = new Plain();
    m.classWeights = "equal";
    assertThatThrownBy(m::validate).isInstanceOf(SettingException.class)
        .hasMessage("class_weights: expected \"balanced\", \"none\", a map class -> weight, or null, got 'equal'");
    Plain n = new Plain();
    n.datagen = new ParallelAudioDataGenerator(Map.of("speed_range", List.of(1.9, 0.6)));
    assertThatThrownBy(n::validate).hasMessage("datagen.speed_range: expected a range (low, high) with low <= high, got [1.9, 0.6]");
    assertThatThrownBy(() -> new ParallelAudioDataGenerator(Map.of("cores", "many")))
        .hasMessage("datagen.cores: expected double, got many (String)");
    Plain o = new Plain();
    o.optimizer = "adamw2";
    assertThatThrownBy(o::validate).hasMessageStartingWith("optimizer: expected one of adam, sgd, rmsprop");
  }
}
