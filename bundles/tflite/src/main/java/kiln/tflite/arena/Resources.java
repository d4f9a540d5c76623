package kiln.tflite.arena;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The model's resource variables as TFLite Micro's {@code MicroResourceVariables}
 * (micro_resource_variable.cc) holds them while the kernels are prepared: VAR_HANDLE's Prepare
 * finds or creates a variable by container and shared name ({@code CreateIdIfNoneFound}) and
 * points its output tensor at the id; ASSIGN_VARIABLE's Prepare, given that id, allocates the
 * variable's buffer the first time ({@code Allocate}: the value tensor's bytes, persistent).
 */
final class Resources {
  private final List<String[]> variables = new ArrayList<>();
  private final Map<Long, Integer> handles = new HashMap<>();
  private final Set<Integer> allocated = new HashSet<>();

  /** CreateIdIfNoneFound: the id of the variable with this name, created when new. */
  int createIdIfNoneFound(String container, String sharedName) {
    for (int i = 0; i < variables.size(); i++) {
      String[] v = variables.get(i);
      if ((container == null || Objects.equals(container, v[0]))
          && Objects.equals(sharedName, v[1])) {
        return i;
      }
    }
    variables.add(new String[] {container, sharedName});
    return variables.size() - 1;
  }

  /** VAR_HANDLE's Prepare sets {@code output->data.i32} to the id. */
  void handle(int subgraph, int tensor, int id) {
    handles.put(key(subgraph, tensor), id);
  }

  /** The id a tensor holds at Prepare time, or null when its data is not set yet. */
  Integer idOf(int subgraph, int tensor) {
    return handles.get(key(subgraph, tensor));
  }

  /** Whether this tensor's data is set during Prepare (so the planner leaves it out). */
  boolean isHandle(int subgraph, int tensor) {
    return handles.containsKey(key(subgraph, tensor));
  }

  /** Allocate: true the first time for a variable (its buffer is taken then), false after. */
  boolean allocate(int id) {
    return allocated.add(id);
  }

  /** The variables created. */
  int count() {
    return variables.size();
  }

  private static long key(int subgraph, int tensor) {
    return ((long) subgraph << 32) | (tensor & 0xffffffffL);
  }
}
