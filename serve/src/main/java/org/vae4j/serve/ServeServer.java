package org.vae4j.serve;

import java.net.URI;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.vae4j.serve.exec.InferenceQueue;
import org.vae4j.serve.http.JsonErrorHandler;
import org.vae4j.serve.http.Router;
import org.vae4j.serve.model.Rows;
import org.vae4j.serve.model.ServedModel;

/**
 * A running HTTP service for one {@link ServedModel}: the JSON API, {@code /openapi.json}, {@code /health},
 * {@code /metrics} and the explorer page at {@code /}, on Jetty.
 *
 * <pre>{@code
 * try (ServeServer server = ServeServer.start(ServedModels.of(vae, info, 0), null, ServeOptions.defaults())) {
 *   System.out.println("listening on " + server.uri());
 *   server.join();
 * }
 * }</pre>
 *
 * <p>Jetty's threads read requests and write answers; the model runs on the {@link InferenceQueue}'s
 * workers. Closing stops accepting connections, lets running requests finish, and stops the workers; the
 * caller then closes the model.
 */
public final class ServeServer implements AutoCloseable {
  private static final int HTTP_THREADS = 16;
  private final Server jetty;
  private final ServerConnector connector;
  private final InferenceQueue queue;

  private ServeServer(Server jetty, ServerConnector connector, InferenceQueue queue) {
    this.jetty = jetty;
    this.connector = connector;
    this.queue = queue;
  }

  /**
   * Starts serving {@code model}, with {@code examples} (test images with labels, or null) for the page.
   *
   * @throws IllegalStateException when the address cannot be bound, naming it
   */
  public static ServeServer start(ServedModel model, Rows examples, ServeOptions options) {
    QueuedThreadPool threads = new QueuedThreadPool(HTTP_THREADS, 2);
    threads.setName("vae4j-serve-http");
    threads.setDaemon(true);
    Server jetty = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
    connector.setHost(options.host());
    connector.setPort(options.port());
    connector.setIdleTimeout(options.idleTimeoutMillis());
    jetty.addConnector(connector);
    InferenceQueue queue = new InferenceQueue(options.workers(), options.queueCapacity(), options.maxBatchRows());
    jetty.setHandler(new Router(model, queue, options, examples));
    jetty.setErrorHandler(new JsonErrorHandler());
    jetty.setStopTimeout(5_000);
    try {
      jetty.start();
    } catch (Exception e) {
      queue.close();
      try {
        jetty.stop();
      } catch (Exception ignored) {
        // the start failure is the error to report
      }
      throw new IllegalStateException("cannot listen on " + options.host() + ":" + options.port() + " ("
          + e.getMessage() + "); give another --port or --host", e);
    }
    return new ServeServer(jetty, connector, queue);
  }

  /** The port listened on (the one picked when 0 was asked for). */
  public int port() {
    return connector.getLocalPort();
  }

  /** {@code http://host:port/}. */
  public URI uri() {
    String host = connector.getHost();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/");
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    jetty.join();
  }

  /** Stops the server; safe to call from an interrupted thread (the interrupt is kept for the caller). */
  @Override
  public void close() {
    boolean interrupted = Thread.interrupted();
    try {
      jetty.stop();
    } catch (Exception e) {
      throw new IllegalStateException("stopping the server failed: " + e, e);
    } finally {
      queue.close();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
