/**
 * Reverse-mode automatic differentiation: {@link org.vae4j.core.autodiff.TapeTensor} records each
 * primitive ({@link org.vae4j.core.autodiff.Primitives}) as a {@link org.vae4j.core.autodiff.Node};
 * {@link org.vae4j.core.autodiff.Backprop} walks the graph backwards using the rules of the one
 * {@link org.vae4j.core.autodiff.GradientTable}. {@link org.vae4j.core.autodiff.NoGrad} turns recording off.
 */
package org.vae4j.core.autodiff;
