/**
 * Small dense linear algebra composed from tensor ops, so that it runs and differentiates on every backend:
 * {@link org.vae4j.core.linalg.Triangular} (Cholesky factors, triangular solves, diagonals). Meant for the
 * event sizes of multivariate distributions (tens of dimensions): each costs O(D) tensor ops.
 */
package org.vae4j.core.linalg;
