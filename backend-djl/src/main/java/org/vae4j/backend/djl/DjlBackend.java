package org.vae4j.backend.djl;

import ai.djl.engine.Engine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.vae4j.api.Device;
import org.vae4j.api.spi.Backend;
import org.vae4j.api.spi.Capability;
import org.vae4j.api.spi.Kernels;

/**
 * libtorch through DJL: the CPU plus every CUDA device libtorch sees. Thread-safe. {@link #close()} releases
 * every tensor still held by its kernels.
 */
final class DjlBackend implements Backend {
  private final Engine engine;
  private final List<Device> devices;
  private final Set<Capability> capabilities;
  private final Map<Device, DjlKernels> kernels = new ConcurrentHashMap<>();

  DjlBackend(Engine engine) {
    this.engine = engine;
    List<Device> found = new ArrayList<>();
    found.add(Device.CPU);
    int gpus = engine.getGpuCount();
    for (int i = 0; i < gpus; i++) {
      found.add(Device.gpu(i));
    }
    this.devices = Collections.unmodifiableList(found);
    EnumSet<Capability> caps = EnumSet.of(Capability.FLOAT64);
    caps.addAll(DjlKernels.FUSED);
    if (gpus > 0) {
      caps.add(Capability.GPU);
    }
    this.capabilities = Collections.unmodifiableSet(caps);
  }

  @Override
  public String name() {
    return DjlBackendProvider.NAME;
  }

  @Override
  public List<Device> devices() {
    return devices;
  }

  @Override
  public Device defaultDevice() {
    return devices.size() > 1 ? devices.get(1) : Device.CPU;
  }

  @Override
  public Set<Capability> capabilities() {
    return capabilities;
  }

  @Override
  public Kernels kernels(Device device) {
    if (!devices.contains(device)) {
      throw new IllegalArgumentException("djl backend: device " + device + " is not available; devices: "
          + devices + (device.type() == Device.Type.GPU
              ? ". For CUDA, put a CUDA build of libtorch on the class path (see the vae4j README)" : ""));
    }
    return kernels.computeIfAbsent(device, d -> new DjlKernels(engine, d));
  }

  @Override
  public String describe() {
    return "djl: DJL " + Engine.getDjlVersion() + ", PyTorch " + engine.getVersion() + " from "
        + DjlNativeLoader.libtorchPath();
  }

  @Override
  public void close() {
    kernels.values().forEach(DjlKernels::close);
    kernels.clear();
  }
}
