package kiln.platform.serial.protocol;

/** Message types of protocol version 1. A reply's type is its request's type | {@link #REPLY}. */
public final class MessageType {
  public static final int HELLO = 0x01;
  public static final int UPLOAD_BEGIN = 0x02;
  public static final int UPLOAD_CHUNK = 0x03;
  public static final int UPLOAD_END = 0x04;
  public static final int RUN = 0x05;
  public static final int PROFILE = 0x06;
  public static final int STREAM = 0x07;
  public static final int RESET = 0x08;
  /** Board to host, unrequested: one classification event while streaming. */
  public static final int EVENT = 0x70;
  /** Board to host: the request failed (u16 code, string message). */
  public static final int ERROR = 0xFF;
  public static final int REPLY = 0x80;

  /** The protocol version this code speaks. */
  public static final int VERSION = 1;

  private MessageType() {}

  public static String name(int type) {
    String base = switch (type & ~REPLY) {
      case HELLO -> "HELLO";
      case UPLOAD_BEGIN -> "UPLOAD_BEGIN";
      case UPLOAD_CHUNK -> "UPLOAD_CHUNK";
      case UPLOAD_END -> "UPLOAD_END";
      case RUN -> "RUN";
      case PROFILE -> "PROFILE";
      case STREAM -> "STREAM";
      case RESET -> "RESET";
      case EVENT -> "EVENT";
      default -> type == ERROR ? "ERROR" : String.format("0x%02X", type);
    };
    return type != ERROR && (type & REPLY) != 0 ? base + "_REPLY" : base;
  }
}
