/**
 * The backend contract suite, shipped in {@code vae4j-core}'s test-jar: abstract JUnit 5 classes, gathered
 * as nested groups of {@link org.vae4j.core.contract.BackendContractSuite}, which a backend module runs with
 * one one-line subclass. {@link org.vae4j.core.contract.KernelContract} checks
 * every {@link org.vae4j.api.spi.Kernels} op forward against references computed here in plain Java double
 * arithmetic. {@link org.vae4j.core.contract.OptimizerContract},
 * {@link org.vae4j.core.contract.GradientClippingContract}, {@link org.vae4j.core.contract.CheckpointContract}
 * and {@link org.vae4j.core.contract.TrainerContract} check optimizers against PyTorch's formulas,
 * checkpoints and the training loop on the backend. Tests skip by {@link org.vae4j.api.spi.Capability},
 * never by backend name.
 */
package org.vae4j.core.contract;
