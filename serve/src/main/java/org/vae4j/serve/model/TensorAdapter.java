package org.vae4j.serve.model;

import org.vae4j.api.DType;
import org.vae4j.api.Module;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;

/**
 * The part every adapter shares: its {@link ModelInfo}, and moving rows between the host and tensors on the
 * backend and in the dtype of the model's parameters. Tensors are made in the calling thread's scope.
 */
abstract class TensorAdapter implements ServedModel {
  private final ModelInfo info;
  private final Shape inputShape;
  private final TensorFactory tensors;
  private final DType dtype;

  TensorAdapter(ModelInfo info, Shape inputShape, Module model) {
    if (inputShape.sizeAsInt() != info.rows() * info.cols()) {
      throw new IllegalArgumentException(info.kind() + ": input shape " + inputShape + " does not hold "
          + info.rows() + "x" + info.cols() + " images");
    }
    Tensor any = model.namedParameters().values().iterator().next();
    this.info = info;
    this.inputShape = inputShape;
    this.tensors = any.factory();
    this.dtype = any.dtype();
  }

  @Override
  public String kind() {
    return info.kind();
  }

  @Override
  public String description() {
    return info.description();
  }

  @Override
  public Shape inputShape() {
    return inputShape;
  }

  @Override
  public int rows() {
    return info.rows();
  }

  @Override
  public int cols() {
    return info.cols();
  }

  @Override
  public String backendName() {
    return tensors.backendName();
  }

  /** The factory of the model's backend. */
  final TensorFactory tensors() {
    return tensors;
  }

  /** Images as a tensor {@code (n) ++ inputShape} in the parameters' dtype. */
  final Tensor images(Rows images) {
    return inDtype(tensors.of(images.values(), inputShape.prepend(images.count())));
  }

  /** One image as a tensor of {@code inputShape} (no batch axis). */
  final Tensor image(float[] pixels) {
    return inDtype(tensors.of(pixels, inputShape));
  }

  /** Rows of real values as a tensor {@code (count, width)} in the parameters' dtype. */
  final Tensor matrix(Rows rows) {
    return inDtype(tensors.of(rows.values(), Shape.of(rows.count(), rows.width())));
  }

  /** INT32 labels {@code (n)}. */
  final Tensor labels(int[] labels) {
    return tensors.of(labels, Shape.of(labels.length));
  }

  /** A tensor's values as {@code count} rows. */
  static Rows host(Tensor t, int count) {
    return Rows.of(t.toFloatArray(), count);
  }

  private Tensor inDtype(Tensor t) {
    return t.dtype() == dtype ? t : t.cast(dtype);
  }
}
