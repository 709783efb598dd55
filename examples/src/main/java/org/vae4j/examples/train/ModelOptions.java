package org.vae4j.examples.train;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads a model's {@code --set key=value} options against its defaults, and back from a stored spec: every key
 * must be one the model knows, every value of the right kind. Builds the complete option map a spec stores.
 * Not thread-safe; one per call.
 */
final class ModelOptions {
  private final String model;
  private final Map<String, String> given;
  private final Map<String, String> resolved = new TreeMap<>();
  private final Set<String> known = new TreeSet<>();

  /**
   * @param model the model's name, for messages
   * @param given the values given (or stored)
   */
  ModelOptions(String model, Map<String, String> given) {
    this.model = model;
    this.given = new LinkedHashMap<>(given);
  }

  /** Option {@code key}: a whole number in {@code [min, max]}, {@code fallback} when not given. */
  int integer(String key, int fallback, int min, int max) {
    String v = take(key, Integer.toString(fallback));
    try {
      int i = Integer.parseInt(v.strip());
      if (i >= min && i <= max) {
        resolved.put(key, Integer.toString(i));
        return i;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new RunInputException(model + ": --set " + key + "=" + v + " is not a whole number in " + min + ".."
        + max + "; give one, e.g. --set " + key + "=" + fallback);
  }

  /** Option {@code key}: one of {@code choices}, {@code fallback} when not given. */
  String choice(String key, String fallback, String... choices) {
    String v = take(key, fallback).strip();
    for (String c : choices) {
      if (c.equals(v)) {
        resolved.put(key, v);
        return v;
      }
    }
    throw new RunInputException(model + ": --set " + key + "=" + v + " is not one of " + String.join(", ", choices)
        + "; give one of them");
  }

  /** Option {@code key}: true or false, {@code fallback} when not given. */
  boolean flag(String key, boolean fallback) {
    return Boolean.parseBoolean(choice(key, Boolean.toString(fallback), "true", "false"));
  }

  private String take(String key, String fallback) {
    known.add(key);
    String v = given.remove(key);
    return v == null ? fallback : v;
  }

  /**
   * The complete options, after every known key was read.
   *
   * @throws RunInputException naming an option the model does not know
   */
  Map<String, String> resolved() {
    if (!given.isEmpty()) {
      throw new RunInputException(model + " has no option '" + given.keySet().iterator().next() + "'; its options"
          + " are " + String.join(", ", known));
    }
    return Map.copyOf(resolved);
  }
}
