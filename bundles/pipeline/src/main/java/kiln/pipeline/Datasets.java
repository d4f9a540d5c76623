package kiln.pipeline;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeSet;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.api.data.Dataset;
import kiln.api.data.DatasetProvider;
import kiln.spec.KilnModel;

/**
 * Resolves a spec's {@code dataset} setting to a registered {@link DatasetProvider}: a provider name
 * ({@code yes_no}), {@code provider:location} ({@code directory:/data/kws}), or a folder (the
 * {@code directory} provider).
 */
public final class Datasets {
  private Datasets() {}

  public static Dataset load(KilnModel model, Map<String, DatasetProvider> installed, Progress progress) {
    String setting = model.dataset;
    if (setting == null || setting.isBlank()) {
      throw new KilnException("dataset: not set in " + model.name() + "; expected a dataset name (installed: "
          + new TreeSet<>(installed.keySet()) + ") or a directory");
    }
    String provider = setting;
    String location = null;
    int colon = setting.indexOf(':');
    if (colon > 0 && !installed.containsKey(setting)) {
      provider = setting.substring(0, colon);
      location = setting.substring(colon + 1);
    } else if (!installed.containsKey(setting) && Files.isDirectory(Paths.get(setting))) {
      provider = "directory";
      location = setting;
    }
    DatasetProvider p = installed.get(provider);
    if (p == null) {
      throw new KilnException("dataset: '" + setting + "' of " + model.name() + " names no installed dataset"
          + " provider; installed: " + new TreeSet<>(installed.keySet()));
    }
    return location == null ? p.load(progress) : p.load(location, progress);
  }
}
