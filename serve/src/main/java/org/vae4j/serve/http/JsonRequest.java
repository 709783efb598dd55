package org.vae4j.serve.http;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import java.io.StringReader;
import java.util.Locale;
import org.vae4j.serve.ServeOptions;
import org.vae4j.serve.model.Rows;
import org.vae4j.serve.model.ServedModel;

/**
 * The JSON body of one request, read strictly: every problem is an {@link ApiException} (400) whose message
 * names the field, what was found and what is expected. Not thread-safe; one per request.
 */
final class JsonRequest {
  private final JsonObject body;
  private final ServedModel model;
  private final ServeOptions limits;

  private JsonRequest(JsonObject body, ServedModel model, ServeOptions limits) {
    this.body = body;
    this.model = model;
    this.limits = limits;
  }

  /** Parses {@code text}, which must be one JSON object (an empty body counts as {@code {}}). */
  static JsonRequest parse(String text, ServedModel model, ServeOptions limits) {
    if (text.isBlank()) {
      return new JsonRequest(new JsonObject(), model, limits);
    }
    JsonElement e;
    try {
      JsonReader reader = new JsonReader(new StringReader(text));
      reader.setStrictness(com.google.gson.Strictness.STRICT);
      e = JsonParser.parseReader(reader);
      if (reader.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT) {
        throw new JsonParseException("text after the JSON value");
      }
    } catch (JsonParseException | java.io.IOException | IllegalStateException ex) {
      throw ApiException.badRequest("the body is not valid JSON (" + oneLine(ex) + "); send one JSON object");
    }
    if (!e.isJsonObject()) {
      throw ApiException.badRequest("the body must be a JSON object, got " + kind(e));
    }
    return new JsonRequest(e.getAsJsonObject(), model, limits);
  }

  boolean has(String field) {
    return body.has(field) && !body.get(field).isJsonNull();
  }

  /** An integer field in {@code [min, max]}, or {@code fallback} when absent. */
  int integer(String field, int fallback, int min, int max) {
    if (!has(field)) {
      return fallback;
    }
    long v = whole(field, body.get(field));
    if (v < min || v > max) {
      throw ApiException.badRequest(String.format(Locale.ROOT, "'%s' is %d; give a whole number in [%d, %d]", field,
          v, min, max));
    }
    return (int) v;
  }

  /** The {@code seed} field (any 64-bit integer), 0 when absent. */
  long seed() {
    return has("seed") ? whole("seed", body.get("seed")) : 0L;
  }

  /** {@code format}: {@code "array"} (default) or {@code "png"}. */
  boolean png() {
    if (!has("format")) {
      return false;
    }
    String f = string("format");
    if (!f.equals("array") && !f.equals("png")) {
      throw ApiException.badRequest("'format' is \"" + f + "\"; give \"array\" or \"png\"");
    }
    return f.equals("png");
  }

  private String string(String field) {
    JsonElement e = body.get(field);
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      throw ApiException.badRequest("'" + field + "' must be a string, got " + kind(e));
    }
    return e.getAsString();
  }

  /**
   * A required array of rows, each an array of {@code width} numbers in {@code [min, max]}; with the
   * {@code labels} field for a conditional model.
   */
  Rows rows(String field, int width, double min, double max) {
    if (!has(field)) {
      throw ApiException.badRequest("the body has no '" + field + "'; give an array of arrays of " + width
          + " numbers");
    }
    JsonArray rows = array(field, body.get(field));
    if (rows.isEmpty()) {
      throw ApiException.badRequest("'" + field + "' is empty; give at least one row of " + width + " numbers");
    }
    if (rows.size() > limits.maxImages()) {
      throw ApiException.badRequest("'" + field + "' has " + rows.size() + " rows; send at most "
          + limits.maxImages() + " per request");
    }
    float[] values = new float[rows.size() * width];
    for (int i = 0; i < rows.size(); i++) {
      float[] row = row(field + "[" + i + "]", rows.get(i), width, min, max);
      System.arraycopy(row, 0, values, i * width, width);
    }
    return new Rows(values, rows.size(), labels(rows.size()));
  }

  /** A required single row of {@code width} numbers in {@code [min, max]}. */
  float[] row(String field, int width, double min, double max) {
    if (!has(field)) {
      throw ApiException.badRequest("the body has no '" + field + "'; give an array of " + width + " numbers");
    }
    return row(field, body.get(field), width, min, max);
  }

  private static float[] row(String name, JsonElement e, int width, double min, double max) {
    JsonArray a = array(name, e);
    if (a.size() != width) {
      throw ApiException.badRequest("'" + name + "' has " + a.size() + " values; give " + width
          + " (the model's input, row-major)");
    }
    float[] row = new float[width];
    for (int j = 0; j < width; j++) {
      JsonElement v = a.get(j);
      if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
        throw ApiException.badRequest("'" + name + "[" + j + "]' must be a number, got " + kind(v));
      }
      double d = v.getAsDouble();
      if (!(d >= min && d <= max)) {
        throw ApiException.badRequest("'" + name + "[" + j + "]' is " + v + "; give a number in [" + min + ", " + max
            + "]");
      }
      row[j] = (float) d;
    }
    return row;
  }

  /**
   * The {@code labels} of {@code count} rows: required (one class per row) for a conditional model,
   * refused for others.
   */
  int[] labels(int count) {
    if (!model.conditional()) {
      if (has("labels")) {
        throw ApiException.badRequest("model " + model.kind() + " takes no 'labels'; leave the field out");
      }
      return null;
    }
    if (!has("labels")) {
      throw ApiException.badRequest("model " + model.kind() + " is conditional: give 'labels', one class in [0, "
          + model.classes() + ") per row");
    }
    JsonArray a = array("labels", body.get("labels"));
    if (a.size() != count) {
      throw ApiException.badRequest("'labels' has " + a.size() + " entries for " + count + " rows; give one per row");
    }
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      long v = whole("labels[" + i + "]", a.get(i));
      if (v < 0 || v >= model.classes()) {
        throw ApiException.badRequest("'labels[" + i + "]' is " + v + "; give a class in [0, " + model.classes() + ")");
      }
      labels[i] = (int) v;
    }
    return labels;
  }

  private static JsonArray array(String name, JsonElement e) {
    if (!e.isJsonArray()) {
      throw ApiException.badRequest("'" + name + "' must be an array, got " + kind(e));
    }
    return e.getAsJsonArray();
  }

  private static long whole(String name, JsonElement e) {
    if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
      JsonPrimitive p = e.getAsJsonPrimitive();
      try {
        return p.getAsBigDecimal().longValueExact();
      } catch (ArithmeticException | NumberFormatException ex) {
        // falls through to the message below
      }
    }
    throw ApiException.badRequest("'" + name + "' must be a whole number, got " + kind(e));
  }

  private static String kind(JsonElement e) {
    String text = e.toString();
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }

  private static String oneLine(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    m = m.replaceAll("\\s*\\R\\s*", " ").replace("See https://github.com/google/gson/blob/main/Troubleshooting.md#malformed-json", "").strip();
    return m.length() > 120 ? m.substring(0, 120) + "..." : m;
  }
}
