package kiln.micro.kernels;

/** A prepared operator: every check and precomputation happened before; eval only computes. */
public abstract class Kernel {
  /** Runs the operator once, reading its inputs' arrays and writing its outputs'. */
  public abstract void eval();

  /**
   * Thrown by an op that ends the current run early and successfully (TFLite Micro's
   * kTfLiteAbort): the interpreter stops there. One shared instance, without a stack trace.
   */
  public static final class EndRun extends RuntimeException {
    static final EndRun INSTANCE = new EndRun();

    private EndRun() {
      super("the run ended early", null, false, false);
    }
  }
}
