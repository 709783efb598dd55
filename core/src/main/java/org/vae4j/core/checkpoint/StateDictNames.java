package org.vae4j.core.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vae4j.api.Shape;

/**
 * How the parameters of a vae4j model are named in another framework's state dict (PyTorch's
 * {@code model.state_dict()}), so that a checkpoint can be exported to it and a state dict imported from it.
 * Each rule gives one vae4j parameter and the foreign tensors it is made of: one tensor under another name,
 * or several stacked along the first axis (vae4j's VAE encoder computes the mean and the log-variance with
 * one linear layer, {@code encoder.2}, where pytorch/examples' has {@code fc21} and {@code fc22}). Tensors are
 * copied as they are: both frameworks store a linear layer's weight as {@code (out, in)}.
 *
 * <p>As text ({@link #parse}), one rule a line, {@code #} starts a comment:
 *
 * <pre>
 * encoder.0.weight = fc1.weight
 * encoder.2.weight = fc21.weight + fc22.weight
 * </pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class StateDictNames {
  private final Map<String, List<String>> rules;

  private StateDictNames(Map<String, List<String>> rules) {
    this.rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
  }

  /** A builder of rules, in the order the exported file lists them. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads rules from text in the format above.
   *
   * @param source where the text came from, for messages
   * @throws IllegalArgumentException naming the line that is not {@code name = name [+ name ...]}
   */
  public static StateDictNames parse(String text, String source) {
    Builder b = builder();
    String[] lines = text.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].replaceFirst("#.*", "").strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] sides = line.split("=", -1);
      List<String> foreign = new ArrayList<>();
      if (sides.length == 2) {
        for (String part : sides[1].split("\\+", -1)) {
          foreign.add(part.strip());
        }
      }
      if (sides.length != 2 || sides[0].isBlank() || foreign.stream().anyMatch(String::isEmpty)) {
        throw new IllegalArgumentException(source + " line " + (i + 1) + ": '" + lines[i].strip() + "' is not "
            + "'vae4j.name = torch.name' or 'vae4j.name = torch.a + torch.b'");
      }
      b.stack(sides[0].strip(), foreign.toArray(new String[0]));
    }
    return b.build();
  }

  /** Reads rules from a file in the format above. */
  public static StateDictNames read(Path file) throws IOException {
    return parse(Files.readString(file), file.toString());
  }

  /** The rules: vae4j name to the foreign names stacked into it, in order. */
  public Map<String, List<String>> rules() {
    return rules;
  }

  /**
   * A checkpoint of the model's parameters under the foreign names, ready to {@link Checkpoint#write}: each
   * stacked parameter is cut along its first axis into equal parts. Metadata is not carried over.
   *
   * @throws CheckpointException naming the parameters that no rule covers, or the rules whose parameter is
   *                             missing or does not split evenly
   */
  public Checkpoint export(Checkpoint checkpoint) throws CheckpointException {
    Map<String, HostTensor> parameters = checkpoint.parameters();
    List<String> problems = new ArrayList<>();
    Set<String> uncovered = new LinkedHashSet<>(parameters.keySet());
    Map<String, HostTensor> out = new LinkedHashMap<>();
    rules.forEach((name, parts) -> {
      HostTensor t = parameters.get(name);
      uncovered.remove(name);
      if (t == null) {
        problems.add("no parameter '" + name + "'");
      } else if (t.shape().rank() == 0 || t.shape().dim(0) % parts.size() != 0) {
        problems.add("'" + name + "' " + t.shape() + " does not split into " + parts.size() + " equal parts");
      } else {
        List<HostTensor> pieces = split(t, parts.size());
        for (int i = 0; i < parts.size(); i++) {
          out.put(parts.get(i), pieces.get(i));
        }
      }
    });
    uncovered.forEach(name -> problems.add("no rule for parameter '" + name + "'"));
    if (!problems.isEmpty()) {
      throw new CheckpointException(checkpoint.source(), "cannot be exported with these names: "
          + String.join("; ", problems));
    }
    return new Checkpoint(null, out, Map.of());
  }

  /**
   * A checkpoint under vae4j's names from a foreign state dict (read with {@link Checkpoint#read}), ready for
   * {@link Checkpoint#restoreParameters}: the tensors of each rule stacked along the first axis.
   *
   * @throws CheckpointException naming every foreign tensor that is missing, left over, or of a shape or
   *                             dtype that does not stack with the others of its rule
   */
  public Checkpoint importFrom(Checkpoint stateDict) throws CheckpointException {
    Map<String, HostTensor> tensors = stateDict.tensors();
    List<String> problems = new ArrayList<>();
    Set<String> unused = new LinkedHashSet<>(tensors.keySet());
    Map<String, HostTensor> out = new LinkedHashMap<>();
    rules.forEach((name, parts) -> {
      List<HostTensor> pieces = new ArrayList<>();
      for (String part : parts) {
        unused.remove(part);
        HostTensor t = tensors.get(part);
        if (t == null) {
          problems.add("no tensor '" + part + "' (for '" + name + "')");
        } else {
          pieces.add(t);
        }
      }
      if (pieces.size() == parts.size()) {
        String why = stackProblem(pieces);
        if (why != null) {
          problems.add(String.join(" + ", parts) + " " + why);
        } else {
          out.put(name, stack(pieces));
        }
      }
    });
    unused.forEach(name -> problems.add("tensor '" + name + "' " + tensors.get(name).shape() + " has no rule"));
    if (!problems.isEmpty()) {
      throw new CheckpointException(stateDict.source(), "does not fit these names: " + String.join("; ", problems));
    }
    return new Checkpoint(stateDict.source(), out, Map.of());
  }

  private static String stackProblem(List<HostTensor> pieces) {
    HostTensor first = pieces.get(0);
    for (HostTensor p : pieces) {
      if (p.dtype() != first.dtype() || p.shape().rank() == 0 || p.shape().rank() != first.shape().rank()
          || !p.shape().sub(1, p.shape().rank()).equals(first.shape().sub(1, first.shape().rank()))) {
        List<String> shapes = new ArrayList<>();
        pieces.forEach(x -> shapes.add(x.dtype() + " " + x.shape()));
        return "are " + String.join(", ", shapes) + ", which do not stack along the first axis";
      }
    }
    return null;
  }

  private static HostTensor stack(List<HostTensor> pieces) {
    if (pieces.size() == 1) {
      return pieces.get(0);
    }
    int rows = 0;
    int bytes = 0;
    for (HostTensor p : pieces) {
      rows += p.shape().dim(0);
      bytes += p.byteCount();
    }
    byte[] data = new byte[bytes];
    int at = 0;
    for (HostTensor p : pieces) {
      byte[] b = p.bytes();
      System.arraycopy(b, 0, data, at, b.length);
      at += b.length;
    }
    Shape first = pieces.get(0).shape();
    return new HostTensor(pieces.get(0).dtype(), first.sub(1, first.rank()).prepend(rows), data);
  }

  private static List<HostTensor> split(HostTensor t, int parts) {
    if (parts == 1) {
      return List.of(t);
    }
    byte[] all = t.bytes();
    int chunk = all.length / parts;
    Shape piece = t.shape().sub(1, t.shape().rank()).prepend(t.shape().dim(0) / parts);
    List<HostTensor> out = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      byte[] b = new byte[chunk];
      System.arraycopy(all, i * chunk, b, 0, chunk);
      out.add(new HostTensor(t.dtype(), piece, b));
    }
    return out;
  }

  /** Builds {@link StateDictNames}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, List<String>> rules = new LinkedHashMap<>();

    private Builder() {
    }

    /** The vae4j parameter {@code name} is the foreign tensor {@code foreignName}. */
    public Builder rename(String name, String foreignName) {
      return stack(name, foreignName);
    }

    /** The vae4j parameter {@code name} is {@code foreignNames} stacked along the first axis, in order. */
    public Builder stack(String name, String... foreignNames) {
      if (foreignNames.length == 0 || rules.containsKey(name)) {
        throw new IllegalArgumentException("state dict names: '" + name + "' needs one rule with at least one "
            + "foreign name");
      }
      rules.put(name, List.of(foreignNames));
      return this;
    }

    /** The rules. */
    public StateDictNames build() {
      return new StateDictNames(rules);
    }
  }
}
