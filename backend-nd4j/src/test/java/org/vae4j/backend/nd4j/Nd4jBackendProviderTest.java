package org.vae4j.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.vae4j.api.Device;
import org.vae4j.api.spi.Backend;
import org.vae4j.api.spi.BackendProvider;
import org.vae4j.api.spi.Capability;

/** Discovery, description, and the failure when ND4J's native build is missing. */
class Nd4jBackendProviderTest {

  @Test
  void serviceLoaderFindsTheProvider() {
    assertThat(ServiceLoader.load(BackendProvider.class).stream().map(p -> p.get().name())
        .collect(Collectors.toList())).contains("nd4j");
    BackendProvider p = new Nd4jBackendProvider();
    assertThat(p.priority()).isEqualTo(20);
    assertThat(p.artifact()).isEqualTo("org.vae4j:vae4j-backend-nd4j");
  }

  @Test
  void theBackendComputesOnTheCpuInFloat64() {
    Backend b = Nd4jTestKernels.backend();
    assertThat(b.name()).isEqualTo("nd4j");
    assertThat(b.devices()).containsExactly(Device.CPU);
    assertThat(b.defaultDevice()).isEqualTo(Device.CPU);
    assertThat(b.capabilities()).containsExactlyInAnyOrder(Capability.FLOAT64, Capability.FUSED_LINEAR,
        Capability.FUSED_ADAM, Capability.FUSED_BCE_WITH_LOGITS);
    assertThat(b.kernels(Device.CPU).capabilities()).isSubsetOf(b.capabilities());
    assertThat(b.kernels(Device.CPU)).isSameAs(b.kernels(Device.CPU));
    assertThat(b.describe()).contains("nd4j 1.0.0-M2.1", "cpu");
    assertThatThrownBy(() -> b.kernels(Device.gpu(0))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gpu:0").hasMessageContaining("[cpu]");
  }

  /**
   * With only vae4j's classes visible (no ND4J jars), the provider still constructs, and create() names the
   * artifact and classifier to add.
   */
  @Test
  void withoutNd4jTheProviderConstructsAndCreateSaysWhatToAdd() throws Exception {
    URL backend = Nd4jBackendProvider.class.getProtectionDomain().getCodeSource().getLocation();
    URL api = BackendProvider.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader isolated = new URLClassLoader(new URL[] {backend, api}, ClassLoader.getPlatformClassLoader())) {
      Class<?> type = isolated.loadClass(Nd4jBackendProvider.class.getName());
      Object provider = type.getConstructor().newInstance();
      assertThat(type.getMethod("name").invoke(provider)).isEqualTo("nd4j");
      assertThatThrownBy(() -> {
        try {
          type.getMethod("create").invoke(provider);
        } catch (java.lang.reflect.InvocationTargetException e) {
          throw e.getCause();
        }
      }).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("org.nd4j:nd4j-native:1.0.0-M2.1")
          .hasMessageContaining("classifier " + Nd4jLoadFailure.platform())
          .hasMessageContaining("NoClassDefFoundError");
    }
  }

  /**
   * With ND4J's Java jars but without the native jars of this platform (the classifier artifacts), create()
   * fails, naming what did not load and the classifier to add.
   */
  @Test
  void withoutTheNativeClassifierJarsCreateSaysWhatToAdd() throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = new File(entry).getName();
      boolean nativeJar = name.endsWith("-" + Nd4jLoadFailure.platform() + ".jar");
      boolean otherBackend = name.contains("backend-pure") || entry.contains("backend-pure");
      if (!nativeJar && !otherBackend) {
        urls.add(new File(entry).toURI().toURL());
      }
    }
    try (URLClassLoader isolated = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
      Class<?> type = isolated.loadClass(Nd4jBackendProvider.class.getName());
      Object provider = type.getConstructor().newInstance();
      Thread thread = Thread.currentThread();
      ClassLoader previous = thread.getContextClassLoader();
      thread.setContextClassLoader(isolated);
      try {
        assertThatThrownBy(() -> {
          try {
            type.getMethod("create").invoke(provider);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        }).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("nd4j backend: ND4J could not start")
          .hasMessageContaining("classifier " + Nd4jLoadFailure.platform());
      } finally {
        thread.setContextClassLoader(previous);
      }
    }
  }
}
