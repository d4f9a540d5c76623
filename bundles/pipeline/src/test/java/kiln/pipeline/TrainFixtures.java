package kiln.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kiln.api.Progress;
import kiln.augment.ParallelAudioDataGenerator;
import kiln.augment.Spectrogram;
import kiln.augment.audio.BuiltinAugmenters;
import kiln.datasets.yesno.YesNoDatasetProvider;
import kiln.models.ReferenceSpecs;
import kiln.spec.SearchPathModelFinder;

/** The train command's services outside OSGi: reference specs, the embedded yes_no set, the built-in augmenters. */
final class TrainFixtures {
  private TrainFixtures() {}

  static TrainCommand.Services services(Path datasetDir) {
    return services(datasetDir, Pipelines.catalog(true));
  }

  static TrainCommand.Services services(Path datasetDir, Catalog catalog) {
    YesNoDatasetProvider real = new YesNoDatasetProvider();
    kiln.api.data.DatasetProvider yesNo = new kiln.api.data.DatasetProvider() {
      @Override
      public String description() {
        return real.description();
      }

      @Override
      public kiln.api.data.Dataset load(Progress progress) {
        return real.load(datasetDir, progress);
      }
    };
    return new TrainCommand.Services(SearchPathModelFinder.standard(ReferenceSpecs::all),
        Map.of("yes_no", yesNo),
        fe -> ParallelAudioDataGenerator.builder().augmenters(BuiltinAugmenters.all())
            .frontend(fe, Spectrogram.microFrontend(fe)),
        catalog);
  }

  /** Collects progress lines. */
  static final class Lines implements Progress {
    final List<String> lines = new ArrayList<>();

    @Override
    public void report(String task, long done, long total) {}

    @Override
    public synchronized void message(String line) {
      lines.add(line);
    }
  }

  static Map<String, Object> none() {
    return Map.of();
  }
}
