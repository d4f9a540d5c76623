package kiln.tensorflow.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.api.model.TrainJob;
import kiln.api.model.TrainResult;
import kiln.tensorflow.TensorFlowDevices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Device choice on this machine: the test classpath has the CPU natives only (the GPU fragment's
 * classifier is not a dependency here), and CI machines have no GPU, so TensorFlow must see exactly
 * one device, the CPU; {@code --device gpu} fails naming that; {@code --device cpu} trains.
 */
class DeviceTest {
  @TempDir Path dir;

  @Test
  void theCpuNativesSeeOneCpu() {
    assertThat(TensorFlowDevices.gpuNativesPresent()).isFalse();
    assertThat(TensorFlowDevices.natives()).startsWith("linux-x86_64 (CPU build, fragment kiln.tensorflow-linux-x86_64)");
    List<TensorFlowDevices.Device> devices = TensorFlowDevices.list();
    assertThat(devices).hasSize(1);
    assertThat(devices.get(0).type()).isEqualTo("CPU");
    assertThat(devices.get(0).name()).endsWith("/device:CPU:0");
    assertThat(devices.get(0)).hasToString("CPU CPU:0");
  }

  @Test
  void cpuHidesGpusAndKeepsTheThreadCounts() {
    var config = TensorFlowDevices.config("cpu", 3, 1);
    assertThat(config.getDeviceCountMap()).containsEntry("GPU", 0);
    assertThat(config.getIntraOpParallelismThreads()).isEqualTo(3);
    assertThat(config.getInterOpParallelismThreads()).isEqualTo(1);
    assertThat(TensorFlowDevices.list(config)).extracting(TensorFlowDevices.Device::type).containsExactly("CPU");
    assertThat(TensorFlowDevices.config("auto", 2, 1).getDeviceCountMap()).isEmpty();
  }

  @Test
  void gpuWithoutAGpuNamesWhatWasFound() {
    assertThatThrownBy(() -> TensorFlowDevices.config("gpu", 2, 1)).isInstanceOf(KilnException.class)
        .hasMessageStartingWith("device gpu: TensorFlow sees no GPU (natives linux-x86_64 (CPU build, fragment"
            + " kiln.tensorflow-linux-x86_64); devices found: [CPU CPU:0])")
        .hasMessageContaining("kiln.tensorflow-linux-x86_64-gpu")
        .hasMessageContaining("--device cpu");
    assertThatThrownBy(() -> TensorFlowDevices.config("tpu", 2, 1))
        .hasMessage("device: 'tpu' is not supported; expected cpu, gpu or auto");
  }

  @Test
  void theTrainerHonoursTheDeviceSetting() {
    assertThatThrownBy(() -> train("gpu")).isInstanceOf(KilnException.class)
        .hasMessageStartingWith("device gpu: TensorFlow sees no GPU");
    TrainResult r = train("cpu");
    assertThat(r.history().get("loss")).hasSize(1);
  }

  private TrainResult train(String device) {
    Map<String, Object> s = new LinkedHashMap<>(Map.of("epochs", 1, "optimizer", "adam",
        "loss", "categorical_crossentropy", "device", device));
    return new TensorFlowTrainer().train(new TrainJob(TrainerTest.model(), s, new TrainerTest.Synthetic(8, 1),
        null, null, 0, dir, 1, Progress.NONE));
  }
}
