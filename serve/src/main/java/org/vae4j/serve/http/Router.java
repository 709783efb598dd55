package org.vae4j.serve.http;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vae4j.serve.ServeOptions;
import org.vae4j.serve.exec.InferenceQueue;
import org.vae4j.serve.exec.QueueFullException;
import org.vae4j.serve.model.Rows;
import org.vae4j.serve.model.ServedModel;
import org.vae4j.serve.model.UnsupportedOperation;

/**
 * The one Jetty handler of the service: checks the host, origin and token, reads the body within its
 * limit, dispatches to the routes and answers every error with its status and one line of JSON
 * {@code {"error": "..."}}. Model work runs on the {@link InferenceQueue}'s workers; the answer is written
 * from there, so no Jetty thread waits for the model. Thread-safe.
 */
public final class Router extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);
  private static final String JSON = "application/json";
  private static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data: blob:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; "
      + "base-uri 'none'";

  private final ServedModel model;
  private final InferenceQueue queue;
  private final ServeOptions options;
  private final AccessPolicy access;
  private final Map<String, Endpoints.Endpoint> posts;
  private final StaticAssets assets = new StaticAssets();
  private final Metrics metrics = new Metrics();
  private final String openApi;
  private final String info;
  private final String examples;

  /** Routes for {@code model} with its test images {@code examples} (or null) shown by the page. */
  public Router(ServedModel model, InferenceQueue queue, ServeOptions options, Rows examples) {
    this.model = model;
    this.queue = queue;
    this.options = options;
    this.access = new AccessPolicy(options.token(), options.corsOrigin(), options.host());
    this.posts = new Endpoints(model, queue, options).routes();
    this.openApi = OpenApi.document(model, options).toString();
    this.info = ModelDescription.info(model, options).toString();
    this.examples = ModelDescription.examples(examples).toString();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    long start = System.nanoTime();
    String path = Request.getPathInContext(request);
    String route = knownRoute(path);
    // the figure is recorded as the last bytes are handed to Jetty, before the client can read them, so a
    // client that asks /metrics after an answer always finds that answer counted
    AtomicBoolean recorded = new AtomicBoolean();
    Response measured = new Response.Wrapper(request, response) {
      @Override
      public void write(boolean last, ByteBuffer content, Callback written) {
        if (last && recorded.compareAndSet(false, true)) {
          metrics.record(route, getStatus(), System.nanoTime() - start);
        }
        super.write(last, content, written);
      }
    };
    Callback done = new Callback() {
      @Override
      public void succeeded() {
        callback.succeeded();
      }

      @Override
      public void failed(Throwable x) {
        if (recorded.compareAndSet(false, true)) {
          metrics.record(route, 500, System.nanoTime() - start);
        }
        callback.failed(x);
      }
    };
    try {
      dispatch(request, measured, done, path);
    } catch (ApiException e) {
      discardBody(request);
      error(measured, done, e.status(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("request {} {} failed", request.getMethod(), path, e);
      error(measured, done, 500, "the server failed: " + oneLine(e));
    }
    return true;
  }

  private void dispatch(Request request, Response response, Callback callback, String path) {
    String host = request.getHeaders().get(HttpHeader.HOST);
    if (!access.hostAllowed(host)) {
      throw new ApiException(403, "Host '" + host + "' is not this loopback server's; open it as 127.0.0.1 or "
          + "localhost");
    }
    AccessPolicy.OriginVerdict origin = access.origin(request.getHeaders().get(HttpHeader.ORIGIN), host);
    if (origin == AccessPolicy.OriginVerdict.REFUSED) {
      throw new ApiException(403, "cross-origin request from " + request.getHeaders().get(HttpHeader.ORIGIN)
          + " refused; start the server with --cors-origin <that origin> to allow one");
    }
    if (origin == AccessPolicy.OriginVerdict.ALLOWED) {
      response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, access.corsOrigin());
      response.getHeaders().put(HttpHeader.VARY, "Origin");
    }
    String method = request.getMethod();
    if (method.equals("OPTIONS")) {
      preflight(response, callback, origin);
      return;
    }
    if (method.equals("GET") && path.equals("/health")) {
      JsonObject o = new JsonObject();
      o.addProperty("status", "ok");
      o.addProperty("model", model.kind());
      json(response, callback, 200, o.toString());
      return;
    }
    StaticAssets.Asset asset = assets.get(path);
    if (asset != null && method.equals("GET")) {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, asset.contentType());
      response.getHeaders().put("Content-Security-Policy", PAGE_POLICY);
      response.getHeaders().put("X-Content-Type-Options", "nosniff");
      response.write(true, ByteBuffer.wrap(asset.bytes()), callback);
      return;
    }
    boolean isGet = isGetRoute(path);
    boolean isPost = posts.containsKey(path);
    if (!isGet && !isPost && asset == null) {
      throw new ApiException(404, "no route " + path + "; GET /openapi.json lists them");
    }
    if ((isGet || asset != null) != method.equals("GET") || isPost != method.equals("POST")) {
      response.getHeaders().put(HttpHeader.ALLOW, isPost ? "POST" : "GET");
      throw new ApiException(405, method + " " + path + " is not allowed; use " + (isPost ? "POST" : "GET"));
    }
    if (!access.authorized(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
      response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
      throw new ApiException(401, "missing or wrong token; send the header 'Authorization: Bearer <token>' with"
          + " the token of --token-file");
    }
    if (isGet) {
      json(response, callback, 200, getBody(path));
      return;
    }
    JsonRequest body = JsonRequest.parse(readBody(request), model, options);
    CompletableFuture<JsonObject> answer;
    try {
      answer = posts.get(path).handle(body);
    } catch (QueueFullException e) {
      response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
      throw new ApiException(503, e.getMessage());
    }
    answer.orTimeout(options.timeoutMillis(), TimeUnit.MILLISECONDS).whenComplete((result, failure) -> {
      if (failure == null) {
        json(response, callback, 200, result.toString());
      } else {
        failed(path, response, callback, failure);
      }
    });
  }

  private void failed(String path, Response response, Callback callback, Throwable failure) {
    Throwable e = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (e instanceof TimeoutException) {
      error(response, callback, 503, "the model did not answer within " + options.timeoutMillis()
          + " ms (--timeout-ms); the server is overloaded or the request too large");
    } else if (e instanceof ApiException a) {
      error(response, callback, a.status(), a.getMessage());
    } else if (e instanceof UnsupportedOperation || e instanceof IllegalArgumentException) {
      error(response, callback, 400, "the model refused the input: " + oneLine(e));
    } else {
      LOG.error("POST {}: the model failed", path, e);
      error(response, callback, 500, "the model failed: " + oneLine(e));
    }
  }

  private void preflight(Response response, Callback callback, AccessPolicy.OriginVerdict origin) {
    if (origin != AccessPolicy.OriginVerdict.ALLOWED) {
      throw new ApiException(403, "no cross-origin access is granted to this origin");
    }
    response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST");
    response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, "Authorization, Content-Type");
    response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "600");
    response.setStatus(204);
    response.write(true, null, callback);
  }

  private static boolean isGetRoute(String path) {
    return path.equals("/openapi.json") || path.equals("/info") || path.equals("/metrics")
        || path.equals("/examples");
  }

  private String getBody(String path) {
    return switch (path) {
      case "/openapi.json" -> openApi;
      case "/info" -> info;
      case "/examples" -> examples;
      default -> metrics.snapshot(queue).toString();
    };
  }

  private String knownRoute(String path) {
    return path.equals("/health") || isGetRoute(path) || posts.containsKey(path) || assets.get(path) != null
        ? path : "other";
  }

  /** The body as UTF-8, refused with 413 past the limit (by its Content-Length or as it streams in). */
  private String readBody(Request request) {
    int limit = options.maxBodyBytes();
    if (request.getLength() > limit) {
      throw tooLarge(request.getLength());
    }
    try (InputStream in = Content.Source.asInputStream(request)) {
      byte[] bytes = in.readNBytes(limit + 1);
      if (bytes.length > limit) {
        throw tooLarge(-1);
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw ApiException.badRequest("the body could not be read (" + oneLine(e) + ")");
    }
  }

  /**
   * Reads and drops what is left of a refused request's body, up to twice {@code --max-body-bytes} (so an
   * oversized one that drew a 413 is swallowed too), so that a client still sending it reads the answer: a
   * connection closed with the body unread made Java's client fail on a broken pipe instead of reading the
   * error. A body announced as larger than that is left, as is one that fails to read (the answer goes out
   * either way).
   */
  private void discardBody(Request request) {
    long length = request.getLength();
    long swallowed = 2L * options.maxBodyBytes();
    if (length == 0 || length > swallowed) {
      return;
    }
    byte[] sink = new byte[8192];
    try (InputStream in = Content.Source.asInputStream(request)) {
      for (long left = swallowed, n; left > 0; left -= n) {
        n = in.read(sink, 0, (int) Math.min(sink.length, left));
        if (n < 0) {
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("the refused request's body could not be read: {}", oneLine(e));
    }
  }

  private ApiException tooLarge(long length) {
    return new ApiException(413, "the body " + (length >= 0 ? "of " + length + " bytes " : "") + "is larger than "
        + options.maxBodyBytes() + " bytes (--max-body-bytes); send fewer images per request");
  }

  private static void json(Response response, Callback callback, int status, String body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    Content.Sink.write(response, true, body, callback);
  }

  /** Writes {@code {"error": message}} with {@code status}; the message is made one line. */
  static void error(Response response, Callback callback, int status, String message) {
    JsonObject o = new JsonObject();
    o.addProperty("error", message.replaceAll("\\s*\\R\\s*", " "));
    json(response, callback, status, o.toString());
  }

  private static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
