package org.vae4j.backend.djl;

import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Tensors;

/**
 * Resident memory of tensors made outside any scope and never closed (issue 15 item 13), not run by surefire:
 * makes 3,000 one-MiB FLOAT32 tensors on djl, dropping each, then runs the garbage collector, and prints the
 * process's RSS before, right after and after collection, with the number of tensors the safety net freed.
 * Run it from the repository root after {@code mvn -B -q -pl backend-djl -am test-compile
 * dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test} with
 * {@code java -Xmx1g -cp backend-djl/target/test-classes:backend-djl/target/classes:$(cat backend-djl/target/cp.txt)
 * org.vae4j.backend.djl.UnscopedTensorMemory}.
 */
public final class UnscopedTensorMemory {
  private static final int TENSORS = 3_000;
  private static final int FLOATS_PER_MIB = 1 << 18;

  private UnscopedTensorMemory() {
  }

  public static void main(String[] args) throws InterruptedException {
    TensorFactory f = Tensors.on(DjlTestKernels.cpu());
    Shape oneMiB = Shape.of(FLOATS_PER_MIB);
    long before = NativeMemory.residentMiB();
    double sum = 0;
    for (int i = 0; i < TENSORS; i++) {
      Tensor t = f.full(oneMiB, i, DType.FLOAT32);
      sum += t.dim(0);
    }
    long made = NativeMemory.residentMiB();
    for (int i = 0; i < 10; i++) {
      System.gc();
      Thread.sleep(100);
    }
    long collected = NativeMemory.residentMiB();
    System.out.printf("%d unscoped one-MiB tensors (%.0f elements): RSS %d MiB before, %d MiB after making them,"
        + " %d MiB after 10 collections; tensors freed by the safety net: %s%n", TENSORS, sum, before, made,
        collected, safetyNetCount());
  }

  /** The safety net's count where this vae4j has one (read reflectively, so this main also runs before it). */
  private static String safetyNetCount() {
    try {
      return String.valueOf(Class.forName("org.vae4j.core.autodiff.UnclosedTensors").getMethod("caught")
          .invoke(null));
    } catch (ReflectiveOperationException e) {
      return "none (no safety net in this vae4j)";
    }
  }
}
