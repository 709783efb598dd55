package org.vae4j.core.contract;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Set;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.api.spi.Capability;
import org.vae4j.api.spi.Kernels;
import org.vae4j.core.Tensors;

/**
 * Base of the tensor-level suites in the contract test-jar. A backend module runs them all through
 * {@link BackendContractSuite}; the backend comes from the module's {@code vae4j.backend} property (see
 * {@link ContractBackend}).
 * Suites skip by {@link Capability}, never by backend name.
 */
public abstract class BackendTestSupport {

  /** The kernels under test: the backend module's selected backend (see ContractBackend). */
  protected Kernels kernels() {
    return ContractBackend.kernels();
  }

  /** The capabilities of the backend under test. */
  protected Set<Capability> capabilities() {
    return ContractBackend.capabilities();
  }

  /** Tensors on the backend under test. */
  protected TensorFactory f() {
    return Tensors.on(kernels());
  }

  /** A FLOAT64 tensor (skips the test when the backend lacks FLOAT64). */
  protected Tensor f64(double[] data, int... shape) {
    assumeFloat64();
    return f().of(data, Shape.of(shape));
  }

  /** A FLOAT32 tensor. */
  protected Tensor f32(double[] data, int... shape) {
    return f().of(data, Shape.of(shape), DType.FLOAT32);
  }

  /** An INT32 tensor. */
  protected Tensor i32(int[] data, int... shape) {
    return f().of(data, Shape.of(shape));
  }

  /** Skips the calling test unless the backend computes in FLOAT64. */
  protected void assumeFloat64() {
    assumeTrue(capabilities().contains(Capability.FLOAT64), "backend lacks FLOAT64");
  }
}
