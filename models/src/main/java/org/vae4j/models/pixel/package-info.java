/**
 * Autoregressive models over the pixels of one-channel images, with exact likelihoods:
 * {@link org.vae4j.models.pixel.GatedPixelCnn} (van den Oord et al. 2016, gated, vertical and horizontal
 * stacks, optionally class-conditional) and {@link org.vae4j.models.pixel.PixelRnn} (van den Oord,
 * Kalchbrenner and Kavukcuoglu 2016: Row LSTM or Diagonal BiLSTM layers with residual connections, mask A in
 * the first layer and mask B after). Both factor {@code p(x) = prod_i p(x_i | x_<i)} in raster order, each
 * pixel a Bernoulli (binarised images) or a 256-way categorical (grey levels), see
 * {@link org.vae4j.models.pixel.PixelLevels}.
 *
 * <p>Training is teacher forced: one pass gives every pixel's conditional. Sampling and completion go pixel by
 * pixel through a cached, incremental evaluation of the same network (the vertical stack once per row for
 * the PixelCNN, one LSTM-cell step per layer and pixel for the PixelRNN), which
 * {@link org.vae4j.models.pixel.PixelModel#logitsAsSampled} checks against the teacher-forced logits.
 *
 * <p>Everything here is written against the api and core and runs on every backend. Models are not
 * thread-safe.
 */
package org.vae4j.models.pixel;
