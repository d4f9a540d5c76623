package kiln.api.platform;

/**
 * One classification event a board streamed: what its firmware detected, when.
 *
 * @param timeMs milliseconds since the stream started, by the board's clock (audio heard, frames
 *     taken)
 * @param classIndex the detected class: an index into the model's outputs
 * @param score the smoothed score on the uint8 scale, 0 to 255, as MLTK's firmware reports it
 * @param label the class's name as the board knows it; empty when it sent none (the host then
 *     names it from the model's {@code classes} parameter)
 */
public record BoardEvent(long timeMs, int classIndex, int score, String label) {
  public BoardEvent {
    label = label == null ? "" : label;
  }
}
