/**
 * Pictures a person looks at after a run, all PNG and all written atomically: grids of grey images
 * ({@link org.vae4j.examples.pictures.ImageGrid}: inputs and reconstructions, samples, interpolations, the
 * 2-D latent manifold), loss curves ({@link org.vae4j.examples.pictures.LossPlot}) and latent codes coloured
 * by label ({@link org.vae4j.examples.pictures.LatentScatter}).
 */
package org.vae4j.examples.pictures;
