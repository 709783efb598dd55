package org.vae4j.spark.ring;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sums float buffers across the K members of a ring over TCP: a reduce-scatter (K - 1 steps, each member
 * adding the chunk its predecessor sends into its own) then an all-gather (K - 1 steps, each member
 * passing on finished chunks). Every member sends {@code 2 (K - 1) / K * 4n} bytes for n floats (plus a
 * 4-byte step number per call), whatever K is, and ends with bit-identical values: each chunk is summed
 * once, on one member, and copied to the others.
 *
 * <p>Member r connects to member r + 1 and accepts member r - 1, both authenticated by the job token
 * ({@link RingHandshake}). Every read waits at most the timeout; a member that died, stalls or sends
 * another step's data ends the call with a {@link RingException}. {@link #close()} may be called from
 * another thread to abort a blocked call. {@link #sumInPlace} is called by one thread at a time.
 */
public final class RingAllReduce implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RingAllReduce.class);

  private final int rank;
  private final int size;
  private final String nextAddress;
  private final String prevAddress;
  private final Socket toNext;
  private final Socket fromPrev;
  private final DataOutputStream out;
  private final DataInputStream in;
  private final ExecutorService sender;
  private final Duration timeout;
  private byte[] sendBytes = new byte[0];
  private byte[] receiveBytes = new byte[0];
  private int calls;
  private long bytesSent;
  private long lastWaitingNanos;
  private long lastTransferNanos;
  private volatile boolean closed;

  private RingAllReduce(int rank, int size, String nextAddress, String prevAddress, Socket toNext, Socket fromPrev,
      Duration timeout) throws IOException {
    this.rank = rank;
    this.size = size;
    this.nextAddress = nextAddress;
    this.prevAddress = prevAddress;
    this.toNext = toNext;
    this.fromPrev = fromPrev;
    this.timeout = timeout;
    this.out = toNext == null ? null : new DataOutputStream(new BufferedOutputStream(toNext.getOutputStream(), 1 << 16));
    this.in = fromPrev == null ? null : new DataInputStream(new BufferedInputStream(fromPrev.getInputStream(), 1 << 16));
    this.sender = size == 1 ? null : Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "vae4j-ring-send-" + rank);
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Opens member {@code rank}'s listening socket on {@code port} (0: any free port) before the members'
   * addresses are exchanged.
   *
   * @throws PortTakenException naming the port when it is taken
   * @throws RingException      when it cannot be bound otherwise
   */
  public static ServerSocket listen(int port, int rank) {
    try {
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(false);
      try {
        s.bind(new InetSocketAddress(port), 8);
      } catch (IOException e) {
        s.close();
        throw e;
      }
      return s;
    } catch (BindException e) {
      throw new PortTakenException("rank " + rank + ": ring port " + port + " is taken on this host (" + e.getMessage()
          + "); give --ring-port 0 (any free port) or a base port whose next ports are free");
    } catch (IOException e) {
      throw new RingException("rank " + rank + ": cannot listen on ring port " + port + ": " + e.getMessage(), e);
    }
  }

  /** The ring of one member: nothing to connect, every sum is the buffer itself. */
  public static RingAllReduce single() {
    try {
      return new RingAllReduce(0, 1, null, null, null, null, Duration.ZERO);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Joins the ring as member {@code rank} of {@code addresses.size()}: connects to the next member and
   * accepts the previous one on {@code server}, both within {@code timeout}. Takes ownership of
   * {@code server} (closed once the previous member is accepted).
   *
   * @param addresses {@code host:port} of every member's listening socket, by rank
   * @param token     the job's secret, the same for every member
   * @throws RingException when a neighbour cannot be reached or authenticated in time
   */
  public static RingAllReduce join(int rank, List<String> addresses, ServerSocket server, byte[] token,
      Duration timeout) {
    int k = addresses.size();
    if (k == 1) {
      closeQuietly(server);
      return single();
    }
    int next = (rank + 1) % k;
    int prev = (rank - 1 + k) % k;
    long deadline = System.nanoTime() + timeout.toNanos();
    CompletableFuture<Socket> connecting = CompletableFuture.supplyAsync(
        () -> connect(rank, next, addresses.get(next), token, deadline, timeout));
    Socket accepted = null;
    try {
      accepted = accept(rank, prev, addresses.get(prev), server, token, deadline, timeout);
      Socket connected = connecting.get();
      return new RingAllReduce(rank, k, addresses.get(next), addresses.get(prev), connected, accepted, timeout);
    } catch (ExecutionException e) {
      closeQuietly(accepted);
      throw e.getCause() instanceof RingException r ? r : new RingException("rank " + rank + ": " + e.getCause(),
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(accepted);
      throw new RingException("rank " + rank + ": interrupted while joining the ring", e);
    } catch (IOException e) {
      closeQuietly(accepted);
      throw new RingException("rank " + rank + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      connecting.thenAccept(RingAllReduce::closeQuietly);
      throw e;
    } finally {
      closeQuietly(server);
    }
  }

  private static Socket connect(int rank, int next, String address, byte[] token, long deadline, Duration timeout) {
    InetSocketAddress target = parse(address);
    IOException last = null;
    while (System.nanoTime() < deadline) {
      Socket s = new Socket();
      try {
        s.setTcpNoDelay(true);
        s.connect(target, (int) Math.max(1, Math.min(5_000, (deadline - System.nanoTime()) / 1_000_000)));
        s.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        RingHandshake.asConnector(new DataInputStream(s.getInputStream()), new DataOutputStream(s.getOutputStream()),
            token, rank);
        s.setSoTimeout(millis(timeout));
        return s;
      } catch (IOException e) {
        last = e;
        closeQuietly(s);
        sleep(100);
      }
    }
    throw new RingException("rank " + rank + ": could not connect to rank " + next + " at " + address + " within "
        + timeout.toSeconds() + " s (" + (last == null ? "no attempt" : last.getMessage()) + "); check that the "
        + "executors can reach each other on the ring ports, or raise --ring-timeout");
  }

  private static Socket accept(int rank, int prev, String prevAddress, ServerSocket server, byte[] token,
      long deadline, Duration timeout) throws IOException {
    while (true) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        throw new RingException("rank " + rank + ": rank " + prev + " (" + prevAddress + ") did not connect within "
            + timeout.toSeconds() + " s; a worker died before joining, or the executors cannot reach each other");
      }
      server.setSoTimeout((int) left);
      Socket s;
      try {
        s = server.accept();
      } catch (SocketTimeoutException e) {
        continue;
      }
      try {
        s.setTcpNoDelay(true);
        s.setSoTimeout((int) Math.max(1, left));
        int claimed = RingHandshake.asListener(new DataInputStream(s.getInputStream()),
            new DataOutputStream(s.getOutputStream()), token);
        if (claimed != prev) {
          throw new IOException("it claimed rank " + claimed + ", expected " + prev);
        }
        s.setSoTimeout(millis(timeout));
        return s;
      } catch (IOException e) {
        LOG.warn("rank {}: refused a connection from {}: {}", rank, s.getRemoteSocketAddress(), e.getMessage());
        closeQuietly(s);
      }
    }
  }

  /** This member's rank. */
  public int rank() {
    return rank;
  }

  /** Members K. */
  public int size() {
    return size;
  }

  /** Bytes this member has sent in all calls so far. */
  public long bytesSent() {
    return bytesSent;
  }

  /** Of the last call: nanoseconds spent waiting for the previous member to reach the same call. */
  public long lastWaitingNanos() {
    return lastWaitingNanos;
  }

  /** Of the last call: nanoseconds spent moving and adding the data once both were there. */
  public long lastTransferNanos() {
    return lastTransferNanos;
  }

  /**
   * Replaces {@code buffer} by the element-wise sum of every member's buffer. Every member must call this
   * with buffers of the same length, the same number of times.
   *
   * @throws RingException when a member died, timed out, or is at another call
   */
  public void sumInPlace(float[] buffer) {
    if (size == 1) {
      calls++;
      return;
    }
    if (closed) {
      throw new RingException("rank " + rank + ": the ring is closed");
    }
    int n = buffer.length;
    int maxChunk = (n + size - 1) / size;
    if (sendBytes.length < 4 * maxChunk) {
      sendBytes = new byte[4 * maxChunk];
      receiveBytes = new byte[4 * maxChunk];
    }
    long t0 = System.nanoTime();
    try {
      int call = ++calls;
      Future<?> ready = sender.submit(() -> {
        out.writeInt(call);
        out.flush();
        return null;
      });
      int theirs = in.readInt();
      finish(ready);
      if (theirs != call) {
        throw new RingException("rank " + rank + ": rank " + (rank - 1 + size) % size + " is at all-reduce " + theirs
            + ", this one at " + call + "; the workers' steps went out of order");
      }
      bytesSent += 4;
      long t1 = System.nanoTime();
      for (int s = 0; s < size - 1; s++) {
        exchange(buffer, n, (rank - s + size) % size, (rank - s - 1 + size) % size, true);
      }
      for (int s = 0; s < size - 1; s++) {
        exchange(buffer, n, (rank - s + 1 + size) % size, (rank - s + size) % size, false);
      }
      lastWaitingNanos = t1 - t0;
      lastTransferNanos = System.nanoTime() - t1;
    } catch (SocketTimeoutException e) {
      throw new RingException("rank " + rank + ": no data from rank " + (rank - 1 + size) % size + " (" + prevAddress
          + ") for " + timeout.toSeconds() + " s; a worker died or stalls (raise --ring-timeout for slow steps)", e);
    } catch (IOException e) {
      String what = e.getMessage() == null ? "connection closed" : e.getMessage();
      String peers = size == 2 ? "rank " + (1 - rank) + " at " + prevAddress
          : "rank " + (rank - 1 + size) % size + " at " + prevAddress + " and rank " + (rank + 1) % size + " at "
              + nextAddress;
      throw new RingException("rank " + rank + ": the ring broke (" + what + ") with " + peers + "; a worker died",
          e);
    }
  }

  /** Sends chunk {@code send} to the next member while receiving chunk {@code receive} from the previous one. */
  private void exchange(float[] buffer, int n, int send, int receive, boolean add) throws IOException {
    int sendFrom = chunkStart(send, n);
    int sendLength = chunkStart(send + 1, n) - sendFrom;
    ByteBuffer.wrap(sendBytes, 0, 4 * sendLength).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
        .put(buffer, sendFrom, sendLength);
    Future<?> sending = sender.submit(() -> {
      out.write(sendBytes, 0, 4 * sendLength);
      out.flush();
      return null;
    });
    int receiveFrom = chunkStart(receive, n);
    int receiveLength = chunkStart(receive + 1, n) - receiveFrom;
    in.readFully(receiveBytes, 0, 4 * receiveLength);
    finish(sending);
    bytesSent += 4L * sendLength;
    var floats = ByteBuffer.wrap(receiveBytes, 0, 4 * receiveLength).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    if (add) {
      for (int i = 0; i < receiveLength; i++) {
        buffer[receiveFrom + i] += floats.get(i);
      }
    } else {
      floats.get(buffer, receiveFrom, receiveLength);
    }
  }

  private int chunkStart(int chunk, int n) {
    return (int) ((long) chunk * n / size);
  }

  private void finish(Future<?> f) throws IOException {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    }
  }

  /** Closes both connections; a call blocked in another thread fails at once. Idempotent. */
  @Override
  public void close() {
    closed = true;
    closeQuietly(toNext);
    closeQuietly(fromPrev);
    if (sender != null) {
      sender.shutdownNow();
    }
  }

  static InetSocketAddress parse(String address) {
    int colon = address.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("ring address '" + address + "' is not host:port");
    }
    return new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
  }

  private static int millis(Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RingException("interrupted while connecting to the ring", e);
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing on a failure path; the failure itself is reported
      }
    }
  }
}
