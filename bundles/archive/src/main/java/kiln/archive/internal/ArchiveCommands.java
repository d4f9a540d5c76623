package kiln.archive.internal;

import java.time.ZoneId;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;

/** Gogo command {@code kiln:archive NAME|FILE}: lists a model archive's entries. */
@Component(
    service = ArchiveCommands.class,
    property = {"osgi.command.scope=kiln", "osgi.command.function=archive"})
public class ArchiveCommands {
  @Descriptor("list a model archive's entries with sizes and dates")
  public String archive(
      @Descriptor("model name (finds NAME.kiln.zip here or on KILN_MODEL_PATH) or archive file")
          String nameOrFile) {
    return ArchiveListing.of(
        ArchiveLocator.fromEnvironment().locate(nameOrFile), ZoneId.systemDefault());
  }
}
