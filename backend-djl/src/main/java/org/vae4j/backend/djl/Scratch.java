package org.vae4j.backend.djl;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * The intermediates of one kernel call: every array registered here is closed, newest first, when the
 * scratch closes, so a kernel frees its temporaries whether it returns or throws. Confined to one thread.
 */
final class Scratch implements AutoCloseable {
  private final List<NDArray> arrays = new ArrayList<>();

  /** Registers {@code array} for closing and returns it. */
  <T extends NDArray> T keep(T array) {
    arrays.add(array);
    return array;
  }

  @Override
  public void close() {
    for (int i = arrays.size() - 1; i >= 0; i--) {
      arrays.get(i).close();
    }
    arrays.clear();
  }
}
