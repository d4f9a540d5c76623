package kiln.shell;

import java.util.List;
import java.util.regex.Pattern;

/** Turns {@code ./kiln VERB ARGS...} into the Gogo command line {@code kiln:VERB 'ARG' ...}. */
final class CommandLine {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:,@+-]+");
  private static final Pattern VERB = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  private CommandLine() {}

  /**
   * The Gogo line for a verb and its arguments.
   *
   * @throws kiln.api.KilnException when the verb is not a command name
   */
  static String of(String verb, List<String> args) {
    if (!VERB.matcher(verb).matches()) {
      throw new UsageException(
          "'" + verb + "' is not a command: expected a verb such as train, summarize, list (see ./kiln help)");
    }
    StringBuilder sb = new StringBuilder(verb.equals("help") ? "help" : "kiln:" + verb);
    for (String a : args) {
      sb.append(' ').append(quote(a));
    }
    return sb.toString();
  }

  /** Quotes an argument so Gogo takes it literally (no variables, no closures, no pipes). */
  static String quote(String arg) {
    if (SAFE.matcher(arg).matches()) {
      return arg;
    }
    if (arg.indexOf('\'') < 0) {
      return "'" + arg + "'";
    }
    StringBuilder sb = new StringBuilder("\"");
    for (char c : arg.toCharArray()) {
      if (c == '"' || c == '\\' || c == '$') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.append('"').toString();
  }

  /** A mistake in how the command was called (as opposed to a failure while running it). */
  static final class UsageException extends kiln.api.KilnException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
