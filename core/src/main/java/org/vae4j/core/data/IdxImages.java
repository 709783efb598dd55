package org.vae4j.core.data;

/**
 * The images of one IDX file (magic {@code 0x00000803}): {@code count} images of {@code rows x cols} unsigned
 * bytes, row-major, image after image.
 *
 * @param source where they were read from, for messages
 * @param count  number of images
 * @param rows   rows of one image
 * @param cols   columns of one image
 * @param pixels {@code count * rows * cols} grey levels; read them with {@code Byte.toUnsignedInt}. Owned by
 *               this record; callers must not modify it.
 */
public record IdxImages(String source, int count, int rows, int cols, byte[] pixels) {
  public IdxImages {
    if ((long) count * rows * cols != pixels.length) {
      throw new IllegalArgumentException(source + ": " + count + " images of " + rows + "x" + cols
          + " need " + (long) count * rows * cols + " bytes, got " + pixels.length);
    }
  }
}
