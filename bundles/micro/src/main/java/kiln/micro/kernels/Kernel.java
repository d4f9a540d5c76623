package kiln.micro.kernels;

/** A prepared operator: every check and precomputation happened before; eval only computes. */
public abstract class Kernel {
  /** Runs the operator once, reading its inputs' arrays and writing its outputs'. */
  public abstract void eval();
}
