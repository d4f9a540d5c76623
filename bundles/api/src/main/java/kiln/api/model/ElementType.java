package kiln.api.model;

/** Element types of tensors Kiln passes between services, with their size in bytes. */
public enum ElementType {
  FLOAT32(4),
  INT32(4),
  UINT8(1),
  INT64(8),
  INT16(2),
  INT8(1),
  BOOL(1);

  private final int bytes;

  ElementType(int bytes) {
    this.bytes = bytes;
  }

  /** Size of one element in bytes. */
  public int bytes() {
    return bytes;
  }
}
