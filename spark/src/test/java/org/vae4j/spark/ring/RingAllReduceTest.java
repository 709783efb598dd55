package org.vae4j.spark.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** The ring on loopback with members as threads of this JVM. */
class RingAllReduceTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** Runs {@code body} on K members joined into one ring; returns what each gave back. */
  private static <T> List<T> onRing(int k, byte[][] tokens, RingBody<T> body) throws Exception {
    List<ServerSocket> servers = new ArrayList<>();
    List<String> addresses = new ArrayList<>();
    for (int r = 0; r < k; r++) {
      ServerSocket s = RingAllReduce.listen(0, r);
      servers.add(s);
      addresses.add("127.0.0.1:" + s.getLocalPort());
    }
    ExecutorService pool = Executors.newFixedThreadPool(k);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int r = 0; r < k; r++) {
        int rank = r;
        futures.add(pool.submit(() -> {
          try (RingAllReduce ring = RingAllReduce.join(rank, addresses, servers.get(rank), tokens[rank], TIMEOUT)) {
            return body.run(ring);
          }
        }));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  interface RingBody<T> {
    T run(RingAllReduce ring) throws Exception;
  }

  private static byte[][] sameToken(int k) {
    byte[] t = RingHandshake.newToken();
    byte[][] all = new byte[k][];
    for (int i = 0; i < k; i++) {
      all[i] = t;
    }
    return all;
  }

  @Test
  void sumsEveryMembersBufferAndLeavesBitIdenticalResultsAndTheTextbookByteCount() throws Exception {
    int k = 3;
    int n = 10_007;
    IntFunction<float[]> input = r -> {
      SplittableRandom rnd = new SplittableRandom(r);
      float[] b = new float[n];
      for (int i = 0; i < n; i++) {
        b[i] = (float) rnd.nextGaussian();
      }
      return b;
    };
    List<float[]> results = onRing(k, sameToken(k), ring -> {
      float[] b = input.apply(ring.rank());
      ring.sumInPlace(b);
      assertThat(ring.bytesSent()).as("bytes sent by rank %d", ring.rank())
          .isBetween(4 + 2L * (k - 1) * 4 * (n / k), 4 + 2L * (k - 1) * 4 * (n / k + 1));
      return b;
    });
    for (int i = 0; i < n; i++) {
      double expected = 0;
      for (int r = 0; r < k; r++) {
        expected += input.apply(r)[i];
      }
      assertThat((double) results.get(0)[i]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5));
    }
    assertThat(results.get(1)).containsExactly(results.get(0));
    assertThat(results.get(2)).containsExactly(results.get(0));
  }

  @Test
  void twoMembersSumRepeatedlyAndTinyBuffersWork() throws Exception {
    List<float[]> results = onRing(2, sameToken(2), ring -> {
      float[] last = null;
      for (int call = 0; call < 5; call++) {
        last = new float[] {ring.rank() + call};
        ring.sumInPlace(last);
      }
      return last;
    });
    assertThat(results.get(0)).containsExactly(9f);
    assertThat(results.get(1)).containsExactly(9f);
  }

  @Test
  void aMemberWithAnotherJobsTokenIsRefusedAndTheRingTimesOut() throws Exception {
    byte[][] tokens = {RingHandshake.newToken(), RingHandshake.newToken()};
    List<ServerSocket> servers = List.of(RingAllReduce.listen(0, 0), RingAllReduce.listen(0, 1));
    List<String> addresses = List.of("127.0.0.1:" + servers.get(0).getLocalPort(),
        "127.0.0.1:" + servers.get(1).getLocalPort());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> other = pool.submit(() -> RingAllReduce.join(1, addresses, servers.get(1), tokens[1],
          Duration.ofSeconds(2)).close());
      assertThatThrownBy(() -> RingAllReduce.join(0, addresses, servers.get(0), tokens[0], Duration.ofSeconds(2)))
          .isInstanceOf(RingException.class).hasMessageContaining("rank 0:").hasMessageContaining("rank 1");
      assertThatThrownBy(other::get).hasCauseInstanceOf(RingException.class);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aTakenPortIsNamed() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      assertThatThrownBy(() -> RingAllReduce.listen(taken.getLocalPort(), 1)).isInstanceOf(RingException.class)
          .hasMessageContaining("rank 1: ring port " + taken.getLocalPort() + " is taken")
          .hasMessageContaining("--ring-port 0");
    }
  }

  @Test
  void aMemberThatDiesBreaksTheOthersCallQuickly() throws Exception {
    List<String> outcomes = onRing(2, sameToken(2), ring -> {
      if (ring.rank() == 1) {
        ring.close();
        return "closed";
      }
      long t0 = System.nanoTime();
      try {
        ring.sumInPlace(new float[100]);
        return "no failure";
      } catch (RingException e) {
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(TIMEOUT.toSeconds());
        return e.getMessage();
      }
    });
    assertThat(outcomes.get(0)).contains("rank 0:").contains("a worker died");
  }
}
