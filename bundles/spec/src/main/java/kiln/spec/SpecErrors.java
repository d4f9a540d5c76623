package kiln.spec;

import java.util.regex.Pattern;
import kiln.api.KilnException;

/** Turns failures inside a spec into messages that point at the spec's file and line. */
final class SpecErrors {
  private SpecErrors() {}

  /** "file:line: message" for the deepest frame of the spec class, else "file: message". */
  static KilnException at(Class<?> specClass, String displayFile, Throwable t) {
    String where = displayFile;
    for (StackTraceElement e : t.getStackTrace()) {
      String c = e.getClassName();
      if ((c.equals(specClass.getName()) || c.startsWith(specClass.getName() + "$")) && e.getLineNumber() > 0) {
        where = displayFile + ":" + e.getLineNumber();
        break;
      }
    }
    String msg = t instanceof KilnException ? t.getMessage() : t.toString();
    return new KilnException(where + ": " + msg, t);
  }

  /** "file:line: setting: message", the line being where the spec sets the property (when found). */
  static KilnException setting(SettingException e, String displayFile, String source) {
    int line = source == null ? -1 : settingLine(source, e.setting(), e.javaName());
    return new KilnException(displayFile + (line > 0 ? ":" + line : "") + ": " + e.getMessage(), e);
  }

  static int settingLine(String source, String setting, String javaName) {
    String key = setting.contains(".") ? setting.substring(setting.lastIndexOf('.') + 1) : setting;
    Pattern quoted = Pattern.compile("\"" + Pattern.quote(key) + "\"");
    Pattern field = Pattern.compile("\\b" + Pattern.quote(javaName) + "\\b\\s*(=[^=]|\\.put\\(|\\.add\\(|\\.set\\()");
    int q = find(source, quoted);
    int f = find(source, field);
    if (setting.startsWith("datagen.") || setting.contains(".")) {
      return q > 0 ? q : f;
    }
    return f > 0 ? f : q;
  }

  private static int find(String source, Pattern p) {
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i].strip();
      if (!l.startsWith("//") && !l.startsWith("*") && p.matcher(lines[i]).find()) {
        return i + 1;
      }
    }
    return -1;
  }
}
