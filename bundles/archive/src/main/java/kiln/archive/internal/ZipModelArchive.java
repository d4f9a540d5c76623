package kiln.archive.internal;

import java.nio.file.Path;
import java.util.Map;
import kiln.api.ServiceNames;
import kiln.api.model.ModelArchive;
import kiln.archive.ZipArchives;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code zip} model archive: {@code NAME.kiln.zip} read whole and updated atomically. In
 * {@link #update} a null value removes an entry, and a name ending in {@code /} with a null value
 * removes that folder (see {@link ZipArchives#update}).
 */
@Component(
    service = ModelArchive.class,
    property = {
      ServiceNames.NAME + "=zip",
      ServiceNames.DESCRIPTION + "=NAME.kiln.zip, written atomically"
    })
public class ZipModelArchive implements ModelArchive {
  @Override
  public Map<String, byte[]> read(Path file) {
    return ZipArchives.read(file);
  }

  @Override
  public void update(Path file, Map<String, byte[]> entries) {
    ZipArchives.update(file, entries);
  }

  @Override
  public void write(Path file, Map<String, byte[]> entries) {
    ZipArchives.write(file, entries);
  }
}
