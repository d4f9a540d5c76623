package kiln.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import kiln.api.ServiceNames;
import kiln.api.platform.BoardConnector;
import kiln.api.platform.BoardInfo;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

/**
 * {@code kiln:boards} lists a board connector registered into the running framework at once, and
 * forgets it when it goes: no restart.
 */
class BoardsHotPlugOsgiTest {
  @InjectBundleContext BundleContext context;

  @InjectService(timeout = 5000)
  CommandProcessor processor;

  /** A second transport, as a plugin bundle would register it. */
  static final class LoopConnector implements BoardConnector {
    @Override
    public String description() {
      return "test transport";
    }

    @Override
    public List<BoardInfo> discover() {
      return List.of(new BoardInfo("loop:7", "Test loop board", 0x1366, 0x0105, true));
    }

    @Override
    public byte[] run(String port, byte[] model, byte[] input) {
      return input;
    }
  }

  @Test
  void aConnectorRegisteredAtRunTimeAppearsInBoardsAndGoes() throws Exception {
    assumeTrue(Arrays.stream(context.getBundles())
            .anyMatch(b -> "kiln.profile".equals(b.getSymbolicName())),
        "kiln.profile is not in this framework: add it to itest.bndrun's -runrequires");
    // the built-in serial connector (jSerialComm inside the framework) lists what it finds
    assertThat(OsgiShell.run(processor, "kiln:boards")).contains("serial").doesNotContain("loop:7");
    Hashtable<String, Object> props = new Hashtable<>();
    props.put(ServiceNames.NAME, "loop");
    props.put(ServiceNames.DESCRIPTION, "test transport");
    ServiceRegistration<BoardConnector> reg =
        context.registerService(BoardConnector.class, new LoopConnector(), props);
    try {
      OsgiShell.await(context, BoardConnector.class, "loop", true, 5);
      assertThat(OsgiShell.run(processor, "kiln:boards"))
          .contains("loop").contains("loop:7").contains("Test loop board").contains("1366:0105")
          .contains("yes");
    } finally {
      reg.unregister();
    }
    OsgiShell.await(context, BoardConnector.class, "loop", false, 5);
    assertThat(OsgiShell.run(processor, "kiln:boards")).doesNotContain("loop:7");
  }
}
