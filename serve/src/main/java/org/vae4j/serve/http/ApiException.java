package org.vae4j.serve.http;

/** A request the service answers with {@code status} and a one-line JSON error {@code {"error": message}}. */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** A 400: the request is wrong; the message names the field, the value and the fix. */
  public static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }
}
