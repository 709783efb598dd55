package org.vae4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.vae4j.api.Tensor;

/** A scope belongs to the thread that opened it; closing it elsewhere says so and closes nothing. */
class ScopeThreadTest {

  /** A tensor stand-in that counts its close() calls (core's own tests have no backend). */
  private static Tensor countingTensor(AtomicInteger closes) {
    return (Tensor) Proxy.newProxyInstance(Tensor.class.getClassLoader(), new Class<?>[] {Tensor.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "close" -> {
            closes.incrementAndGet();
            yield null;
          }
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  @Test
  void closingAScopeOnAnotherThreadNamesBothThreadsAndClosesNothing() throws Exception {
    AtomicInteger closes = new AtomicInteger();
    Scope scope = Scope.open();
    Scope.adopt(countingTensor(closes));
    String owner = Thread.currentThread().getName();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread other = new Thread(() -> {
      try {
        scope.close();
      } catch (RuntimeException e) {
        failure.set(e);
      }
    }, "worker-7");
    other.start();
    other.join();
    assertThat(failure.get()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("this scope was opened on thread '" + owner + "'")
        .hasMessageContaining("but close() was called on thread 'worker-7'")
        .hasMessageContaining("only that thread can close it")
        .hasMessageNotContaining("inner scope");
    assertThat(closes).as("the other thread's close() closed nothing").hasValue(0);
    scope.close();
    assertThat(closes).as("the owner's close() still works").hasValue(1);
  }

  @Test
  void closingAnOuterScopeWhileAnInnerOneIsOpenStillSaysSo() {
    Scope outer = Scope.open();
    Scope inner = Scope.open();
    assertThatThrownBy(outer::close).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("an inner scope is still open");
    inner.close();
    outer.close();
  }
}
