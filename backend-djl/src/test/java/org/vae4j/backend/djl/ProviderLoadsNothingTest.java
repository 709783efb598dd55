package org.vae4j.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/**
 * Discovery may construct every provider: constructing this one and asking its name, priority and artifact
 * must not even load a DJL class. Checked in a fresh class loader holding only the module's classes, vae4j's
 * api and DJL's api.
 */
class ProviderLoadsNothingTest {

  /** A class loader that reports whether it has loaded a class. */
  private static final class WatchingLoader extends URLClassLoader {
    WatchingLoader(URL... urls) {
      super(urls, ClassLoader.getPlatformClassLoader());
    }

    boolean hasLoaded(String name) {
      return findLoadedClass(name) != null;
    }
  }

  @Test
  void constructingTheProviderLoadsNoDjlClass() throws Exception {
    try (WatchingLoader loader = new WatchingLoader(location(DjlBackendProvider.class),
        location(org.vae4j.api.spi.BackendProvider.class), location(ai.djl.engine.Engine.class),
        location(org.slf4j.LoggerFactory.class))) {
      Class<?> type = Class.forName(DjlBackendProvider.class.getName(), true, loader);
      Object provider = type.getConstructor().newInstance();
      for (String m : new String[] {"name", "priority", "artifact"}) {
        Method method = type.getMethod(m);
        assertThat(method.invoke(provider)).isNotNull();
      }
      assertThat(type.getClassLoader()).isSameAs(loader);
      assertThat(loader.hasLoaded("ai.djl.engine.Engine")).as("DJL's Engine loaded").isFalse();
      assertThat(loader.hasLoaded("ai.djl.pytorch.jni.LibUtils")).as("libtorch loader loaded").isFalse();
      assertThat(loader.hasLoaded(DjlNativeLoader.class.getName())).as("vae4j's native loader loaded").isFalse();
    }
  }

  private static URL location(Class<?> c) {
    return c.getProtectionDomain().getCodeSource().getLocation();
  }
}
