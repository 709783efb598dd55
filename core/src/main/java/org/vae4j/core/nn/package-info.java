/**
 * Neural-network layers built from tensor ops: {@link org.vae4j.core.nn.Linear},
 * {@link org.vae4j.core.nn.Conv2d}, {@link org.vae4j.core.nn.ConvTranspose2d},
 * {@link org.vae4j.core.nn.Embedding}, {@link org.vae4j.core.nn.Activation}s,
 * {@link org.vae4j.core.nn.Sequential}, {@link org.vae4j.core.nn.ResidualBlock},
 * {@link org.vae4j.core.nn.Flatten} and {@link org.vae4j.core.nn.Reshape}, the recurrent
 * {@link org.vae4j.core.nn.LstmCell}, {@link org.vae4j.core.nn.Lstm}, {@link org.vae4j.core.nn.GruCell} and
 * {@link org.vae4j.core.nn.Gru} (PyTorch's layouts, gate orders and initialisation), with the initialization
 * schemes of {@link org.vae4j.core.nn.Inits}.
 *
 * <p><b>Names.</b> Every layer is an api {@code Module} whose parameters carry PyTorch's dotted names
 * ({@code weight}, {@code bias}, {@code 0.weight}, {@code encoder.1.bias}), so checkpoints written in the
 * safetensors format line up with a PyTorch {@code state_dict} of the same architecture.
 *
 * <p><b>Parameters.</b> A {@link org.vae4j.core.nn.ParameterFactory} makes them: values are drawn on the
 * host from a {@code RandomStream}, so one seed gives the same weights on every backend; each parameter is
 * a leaf that requires gradients and is released from any open {@code Scope}. The module owns its
 * parameters and closes them in {@code close()}.
 *
 * <p><b>Threads.</b> Layers hold no per-call state; like tensors, one forward and backward pass runs on one
 * thread at a time.
 */
package org.vae4j.core.nn;
