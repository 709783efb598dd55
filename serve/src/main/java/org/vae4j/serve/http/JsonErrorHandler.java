package org.vae4j.serve.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own errors (a malformed request line, headers too large, ...) as one line of JSON, like the
 * service's.
 */
public final class JsonErrorHandler extends ErrorHandler {
  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Object message = request.getAttribute(ERROR_MESSAGE);
    int status = response.getStatus() >= 400 ? response.getStatus() : 500;
    Router.error(response, callback, status, "HTTP " + status + (message == null ? "" : ": " + message));
    return true;
  }
}
