package org.vae4j.api.spi;

import java.util.List;
import java.util.Set;
import org.vae4j.api.Device;

/**
 * A created compute engine. Thread-safe. Closing it releases engine-wide resources; buffers made by its
 * kernels must be closed first.
 */
public interface Backend extends AutoCloseable {

  /** Same as its provider's name. */
  String name();

  /** Devices this backend can compute on, the CPU first. */
  List<Device> devices();

  /** The device used when the user names none (the first GPU where one exists, else the CPU). */
  Device defaultDevice();

  /** Optional features; consumers branch on these, never on the backend's name. */
  Set<Capability> capabilities();

  /**
   * The kernels for one device; the same instance for the same device.
   *
   * @throws IllegalArgumentException naming the device and listing {@link #devices()} when absent
   */
  Kernels kernels(Device device);

  /**
   * One line on versions, native libraries and threads, for {@code vae4j backends}; devices and
   * capabilities are listed beside it, so they are left out here.
   */
  default String describe() {
    return name();
  }

  @Override
  default void close() {
  }
}
