package kiln.profile;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import kiln.api.ServiceNames;
import kiln.api.platform.BoardConnector;
import kiln.api.platform.BoardInfo;
import kiln.util.TextTable;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code kiln:boards}: every port each registered BoardConnector finds, with its USB ids and
 * whether the connector recognises a board there. Connectors are tracked dynamically: one dropped
 * into the plugins folder is listed at once.
 */
@Component(
    service = BoardsCommands.class,
    property = {"osgi.command.scope=kiln", "osgi.command.function=boards"})
public class BoardsCommands {
  private final Map<String, BoardConnector> connectors = new ConcurrentSkipListMap<>();

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY,
      unbind = "removeConnector")
  void addConnector(BoardConnector connector, Map<String, Object> properties) {
    Object name = properties.get(ServiceNames.NAME);
    if (name != null) {
      connectors.put(name.toString(), connector);
    }
  }

  void removeConnector(BoardConnector connector, Map<String, Object> properties) {
    Object name = properties.get(ServiceNames.NAME);
    if (name != null) {
      connectors.remove(name.toString(), connector);
    }
  }

  @Descriptor("list the boards and ports every installed board connector finds")
  public String boards() {
    return list(Map.copyOf(connectors));
  }

  static String list(Map<String, BoardConnector> connectors) {
    if (connectors.isEmpty()) {
      return "No board connector is installed (kiln.serial provides 'serial').";
    }
    TextTable t = new TextTable("Connector", "Port", "Description", "USB id", "Board?");
    StringBuilder notes = new StringBuilder();
    for (Map.Entry<String, BoardConnector> e : new java.util.TreeMap<>(connectors).entrySet()) {
      java.util.List<BoardInfo> found;
      try {
        found = e.getValue().discover();
      } catch (RuntimeException ex) {
        notes.append("connector ").append(e.getKey()).append(": discovery failed: ")
            .append(ex.getMessage()).append('\n');
        continue;
      }
      if (found.isEmpty()) {
        notes.append("connector ").append(e.getKey()).append(": no ports found\n");
      }
      for (BoardInfo b : found) {
        t.row(e.getKey(), b.port(), b.description(), b.vendorId() < 0 ? "-"
            : String.format(Locale.ROOT, "%04x:%04x", b.vendorId(), b.productId()),
            b.claimed() ? "yes" : "-");
      }
    }
    String table = t.rowCount() == 0 ? "" : t.toString();
    return (table + (table.isEmpty() || table.endsWith("\n") ? "" : "\n") + notes).stripTrailing();
  }
}
