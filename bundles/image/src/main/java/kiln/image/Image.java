package kiln.image;

/**
 * An image as floats, HWC row-major (pixel (r, c) channel k at {@code (r * width + c) * channels + k}),
 * in the file's 0..255 range until the generator rescales it.
 */
public record Image(int height, int width, int channels, float[] pixels) {
  public Image {
    if (pixels.length != height * width * channels) {
      throw new IllegalArgumentException("pixels: expected " + height + "x" + width + "x" + channels + " = "
          + height * width * channels + " values, got " + pixels.length);
    }
  }

  /** The value at row {@code r}, column {@code c}, channel {@code k}. */
  public float at(int r, int c, int k) {
    return pixels[(r * width + c) * channels + k];
  }
}
