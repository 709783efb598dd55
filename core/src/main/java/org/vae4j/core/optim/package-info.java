/**
 * Optimizers with PyTorch's update formulas ({@link org.vae4j.core.optim.Sgd} with momentum and Nesterov,
 * {@link org.vae4j.core.optim.Adam} and AdamW, {@link org.vae4j.core.optim.Adagrad},
 * {@link org.vae4j.core.optim.RmsProp}), learning-rate schedules
 * ({@link org.vae4j.core.optim.LearningRateSchedule}) and gradient clipping by global norm
 * ({@link org.vae4j.core.optim.GradientClipping}). Optimizer state is named so that checkpoints save and
 * restore it.
 */
package org.vae4j.core.optim;
