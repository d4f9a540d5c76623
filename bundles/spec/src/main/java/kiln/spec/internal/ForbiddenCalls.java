package kiln.spec.internal;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import kiln.api.KilnException;

/**
 * Refuses compiled spec classes whose constant pool refers to a method that ends the JVM or
 * starts a process ({@code System.exit}, {@code Runtime.exit/halt/exec}, anything of
 * {@code ProcessBuilder}): a spec describes a model, and one from elsewhere must not take the
 * process down or run programs. A static check of the calls javac wrote, not a sandbox.
 */
final class ForbiddenCalls {
  private ForbiddenCalls() {}

  /** Class (internal name) and method; "*" for every method of the class. */
  private static final Set<String> FORBIDDEN = Set.of(
      "java/lang/System.exit", "java/lang/Runtime.exit", "java/lang/Runtime.halt",
      "java/lang/Runtime.exec", "java/lang/ProcessBuilder.*");

  private static final int UTF8 = 1;
  private static final int CLASS = 7;
  private static final int METHODREF = 10;
  private static final int INTERFACE_METHODREF = 11;
  private static final int NAME_AND_TYPE = 12;

  /** Throws a KilnException naming the spec, the class and the calls when any class makes one. */
  static void check(String displayName, Map<String, byte[]> classes) {
    for (Map.Entry<String, byte[]> c : new TreeMap<>(classes).entrySet()) {
      Set<String> found;
      try {
        found = calls(c.getValue());
      } catch (IOException | RuntimeException e) {
        // javac wrote these bytes a moment ago; a class this check cannot read is not run
        throw new KilnException(displayName + ": compiled class " + c.getKey()
            + " cannot be checked (" + e.getMessage() + ")", e);
      }
      if (!found.isEmpty()) {
        throw new KilnException(displayName + ": class " + c.getKey() + " calls "
            + String.join(", ", found) + "; a spec may not stop the JVM or start processes");
      }
    }
  }

  /** The forbidden methods the class file refers to, as {@code java.lang.System.exit}. */
  static Set<String> calls(byte[] classFile) throws IOException {
    Set<String> found = new TreeSet<>();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
      in.readInt(); // magic
      in.readUnsignedShort(); // minor version
      in.readUnsignedShort(); // major version
      int count = in.readUnsignedShort();
      String[] utf8 = new String[count];
      int[] first = new int[count]; // Class: name; refs: class; NameAndType: name
      int[] second = new int[count]; // refs: NameAndType
      int[] tags = new int[count];
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        tags[i] = tag;
        switch (tag) {
          case UTF8 -> utf8[i] = in.readUTF();
          case CLASS, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort(); // + String, MethodType, Module, Package
          case 9, METHODREF, INTERFACE_METHODREF, NAME_AND_TYPE, 17, 18 -> {
            first[i] = in.readUnsignedShort();
            second[i] = in.readUnsignedShort();
          }
          case 3, 4 -> in.readInt(); // Integer, Float
          case 5, 6 -> { // Long, Double take two slots
            in.readLong();
            i++;
          }
          case 15 -> { // MethodHandle: kind, reference
            in.readUnsignedByte();
            in.readUnsignedShort();
          }
          default -> throw new IOException("unknown constant pool tag " + tag);
        }
      }
      for (int i = 1; i < count; i++) {
        if (tags[i] == METHODREF || tags[i] == INTERFACE_METHODREF) {
          String owner = utf8[first[first[i]]];
          String method = utf8[first[second[i]]];
          if (FORBIDDEN.contains(owner + "." + method) || FORBIDDEN.contains(owner + ".*")) {
            found.add(owner.replace('/', '.') + "." + method);
          }
        }
      }
    }
    return found;
  }
}
