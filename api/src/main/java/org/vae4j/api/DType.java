package org.vae4j.api;

/** Element types a tensor may hold. Every backend supports all three; see each op for which it accepts. */
public enum DType {
  FLOAT32(4, true),
  FLOAT64(8, true),
  /** Indices and labels: accepted by movement ops, gather/scatter indices, comparisons and casts. */
  INT32(4, false);

  private final int byteSize;
  private final boolean floatingPoint;

  DType(int byteSize, boolean floatingPoint) {
    this.byteSize = byteSize;
    this.floatingPoint = floatingPoint;
  }

  /** Bytes per element. */
  public int byteSize() {
    return byteSize;
  }

  /** True for FLOAT32 and FLOAT64. */
  public boolean isFloatingPoint() {
    return floatingPoint;
  }
}
