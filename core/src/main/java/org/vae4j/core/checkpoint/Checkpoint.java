package org.vae4j.core.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.vae4j.api.Module;
import org.vae4j.api.Tensor;
import org.vae4j.core.Scope;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.optim.Optimizer;
import org.vae4j.core.random.PhiloxStream;

/**
 * A saved training state in one safetensors file that PyTorch's {@code safetensors.torch.load_file}
 * reads: model parameters under their own names ({@code encoder.0.weight}), optimizer state under
 * {@value #OPTIMIZER_PREFIX} ({@code optimizer.adam.m.encoder.0.weight}), trainer tensors under
 * {@value #TRAINER_PREFIX}, and string metadata: step, epoch, position in the epoch, the random stream's
 * state, model name and configuration, optimizer kind and step count, and the vae4j version.
 *
 * <p>Values are held on the host ({@link HostTensor}), so a checkpoint does not depend on a backend's
 * memory and can be loaded into a model on another backend. Immutable.
 */
@SuppressWarnings("try") // scopes and NoGrad blocks are used for their effect, not referenced
public final class Checkpoint {
  /** Prefix of optimizer state tensors. */
  public static final String OPTIMIZER_PREFIX = "optimizer.";
  /** Prefix of tensors the trainer stores (the epoch's shuffled order). */
  public static final String TRAINER_PREFIX = "trainer.";

  static final String KEY_VERSION = SafeTensorsFormat.VERSION_KEY;
  static final String KEY_STEP = "vae4j.step";
  static final String KEY_EPOCH = "vae4j.epoch";
  static final String KEY_BATCH_IN_EPOCH = "vae4j.batch_in_epoch";
  static final String KEY_RANDOM = "vae4j.random_state";
  static final String KEY_MODEL = "vae4j.model";
  static final String KEY_MODEL_CONFIG = "vae4j.model_config";
  static final String KEY_OPTIMIZER = "vae4j.optimizer";
  static final String KEY_OPTIMIZER_STEP = "vae4j.optimizer_step";

  private final Path source;
  private final Map<String, HostTensor> tensors;
  private final Map<String, String> metadata;

  Checkpoint(Path source, Map<String, HostTensor> tensors, Map<String, String> metadata) {
    this.source = source;
    this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** A builder of a checkpoint to {@link #write}. */
  public static CheckpointBuilder builder() {
    return new CheckpointBuilder();
  }

  /**
   * Reads and validates {@code file} (see {@link SafeTensorsReader}); also checks that the vae4j
   * metadata it carries, if any, is well formed. Never modifies the file.
   */
  public static Checkpoint read(Path file) throws IOException {
    SafeTensorsContent content = SafeTensorsReader.read(file);
    Checkpoint c = new Checkpoint(file, content.tensors(), content.metadata());
    c.validateMetadata();
    return c;
  }

  /** Writes this checkpoint to {@code file}, atomically replacing any existing one. */
  public void write(Path file) throws IOException {
    SafeTensorsWriter.write(file, tensors, metadata);
  }

  /** The file this checkpoint was read from, or null for one built in memory. */
  public Path source() {
    return source;
  }

  /** Every tensor by its name in the file. */
  public Map<String, HostTensor> tensors() {
    return tensors;
  }

  /** The model parameters: tensors whose names carry neither reserved prefix. */
  public Map<String, HostTensor> parameters() {
    Map<String, HostTensor> out = new LinkedHashMap<>();
    tensors.forEach((k, v) -> {
      if (!k.startsWith(OPTIMIZER_PREFIX) && !k.startsWith(TRAINER_PREFIX)) {
        out.put(k, v);
      }
    });
    return out;
  }

  /** The optimizer state, names without {@value #OPTIMIZER_PREFIX}. */
  public Map<String, HostTensor> optimizerState() {
    Map<String, HostTensor> out = new LinkedHashMap<>();
    tensors.forEach((k, v) -> {
      if (k.startsWith(OPTIMIZER_PREFIX)) {
        out.put(k.substring(OPTIMIZER_PREFIX.length()), v);
      }
    });
    return out;
  }

  /** The trainer tensor {@code TRAINER_PREFIX + name}, or null. */
  public HostTensor trainerTensor(String name) {
    return tensors.get(TRAINER_PREFIX + name);
  }

  /** All metadata. */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** Training steps done when saved; 0 when not recorded. */
  public long step() {
    return longValue(KEY_STEP, 0);
  }

  /** The epoch in progress when saved (from 0); 0 when not recorded. */
  public int epoch() {
    return (int) longValue(KEY_EPOCH, 0);
  }

  /** Batches of {@link #epoch()} already done; 0 when not recorded. */
  public int batchInEpoch() {
    return (int) longValue(KEY_BATCH_IN_EPOCH, 0);
  }

  /** True when the file carries the trainer's position and random stream, so a run can resume from it. */
  public boolean hasTrainingState() {
    return metadata.containsKey(KEY_STEP) && metadata.containsKey(KEY_RANDOM);
  }

  /** The saved random stream, restored to the state it had, or null when none was saved. */
  public PhiloxStream randomStream() {
    String s = metadata.get(KEY_RANDOM);
    return s == null ? null : PhiloxStream.fromState(parseRandom(s));
  }

  /** The model's name, or "" when not recorded. */
  public String modelName() {
    return metadata.getOrDefault(KEY_MODEL, "");
  }

  /** The model's configuration string, or "" when not recorded. */
  public String modelConfig() {
    return metadata.getOrDefault(KEY_MODEL_CONFIG, "");
  }

  /** The vae4j version that wrote the file, or "" when not recorded. */
  public String version() {
    return metadata.getOrDefault(KEY_VERSION, "");
  }

  /** The kind of the saved optimizer ({@code "adam"}), or "" when none was saved. */
  public String optimizerKind() {
    return metadata.getOrDefault(KEY_OPTIMIZER, "");
  }

  /**
   * Copies the saved parameters and buffers into {@code model}'s. Every tensor is checked first: names the model
   * has and the file lacks, names the file has and the model lacks, and shape or dtype differences are
   * all reported in one exception, and so is a parameter holding NaN or infinite values (the sign of a run
   * that had diverged; buffers, such as masks, may hold infinities). Then nothing is changed.
   */
  public void restoreParameters(Module model) throws CheckpointException {
    restore(modelState(model), model.namedParameters().keySet());
  }

  /**
   * What a checkpoint saves of a model: its parameters followed by its buffers, in one name space.
   *
   * @throws IllegalArgumentException when a buffer has a parameter's name
   */
  static Map<String, Tensor> modelState(Module model) {
    Map<String, Tensor> state = new LinkedHashMap<>(model.namedParameters());
    for (Map.Entry<String, Tensor> b : model.namedBuffers().entrySet()) {
      if (state.putIfAbsent(b.getKey(), b.getValue()) != null) {
        throw new IllegalArgumentException("checkpoint: buffer '" + b.getKey() + "' of " + model.getClass()
            .getSimpleName() + " has the name of a parameter; rename one of them");
      }
    }
    return state;
  }

  /**
   * As {@link #restoreParameters(Module)}, for tensors by name, copied bit for bit whatever their values (NaN
   * and infinities included): the low-level form, for callers that check values themselves.
   */
  public void restoreParameters(Map<String, Tensor> target) throws CheckpointException {
    restore(target, Set.of());
  }

  private void restore(Map<String, Tensor> target, Set<String> mustBeFinite) throws CheckpointException {
    Map<String, HostTensor> saved = parameters();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Tensor> e : target.entrySet()) {
      HostTensor h = saved.get(e.getKey());
      Tensor p = e.getValue();
      if (h == null) {
        problems.add("missing parameter '" + e.getKey() + "' (model has " + p.dtype() + " " + p.shape() + ")");
      } else if (!h.shape().equals(p.shape()) || h.dtype() != p.dtype()) {
        problems.add("parameter '" + e.getKey() + "' is " + h.dtype() + " " + h.shape() + " in the checkpoint but "
            + p.dtype() + " " + p.shape() + " in the model");
      }
    }
    for (Map.Entry<String, HostTensor> e : saved.entrySet()) {
      if (!target.containsKey(e.getKey())) {
        problems.add("unexpected parameter '" + e.getKey() + "' (" + e.getValue().dtype() + " "
            + e.getValue().shape() + ") that the model does not have");
      }
    }
    if (!problems.isEmpty()) {
      throw new CheckpointException(source, "does not fit the model" + describeModel() + " (" + problems.size()
          + (problems.size() == 1 ? " problem): " : " problems): ") + String.join("; ", problems));
    }
    requireFinite(saved, mustBeFinite, "parameter");
    for (Map.Entry<String, Tensor> e : target.entrySet()) {
      try (Scope scope = Scope.open(); NoGrad ignored = NoGrad.enter()) {
        Tensor p = e.getValue();
        p.assign(saved.get(e.getKey()).toTensor(p.factory()));
      }
    }
  }

  /** Refuses the first of {@code names} whose saved values are not all finite. */
  private void requireFinite(Map<String, HostTensor> saved, Iterable<String> names, String what)
      throws CheckpointException {
    for (String name : names) {
      HostTensor h = saved.get(name);
      String problem = h == null ? null : h.describeNonFinite();
      if (problem != null) {
        throw new CheckpointException(source, what + " '" + name + "' " + problem + ": it was saved from a run"
            + " that had diverged; load an earlier checkpoint or train afresh");
      }
    }
  }

  /**
   * Restores {@code optimizer}'s state and step count. The optimizer must be of the saved kind, over
   * parameters of the same names and shapes, and the saved state must be finite.
   */
  public void restoreOptimizer(Optimizer optimizer) throws CheckpointException {
    if (!optimizer.kind().equals(optimizerKind())) {
      throw new CheckpointException(source, "holds " + (optimizerKind().isEmpty() ? "no optimizer state"
          : "the state of a '" + optimizerKind() + "' optimizer") + ", not of '" + optimizer.kind()
          + "'; build the optimizer the run was saved with");
    }
    Map<String, HostTensor> saved = optimizerState();
    requireFinite(saved, saved.keySet(), "optimizer state");
    try (Scope scope = Scope.open()) {
      Map<String, Tensor> state = new LinkedHashMap<>();
      Tensor any = optimizer.parameters().values().iterator().next();
      for (Map.Entry<String, HostTensor> e : saved.entrySet()) {
        Tensor like = optimizer.state().get(e.getKey());
        state.put(e.getKey(), e.getValue().toTensor((like == null ? any : like).factory()));
      }
      optimizer.loadState(state, longValue(KEY_OPTIMIZER_STEP, 0));
    } catch (IllegalArgumentException e) {
      throw new CheckpointException(source, e.getMessage(), e);
    }
  }

  private String describeModel() {
    String name = modelName();
    return name.isEmpty() ? "" : " (saved from '" + name + "'" + (modelConfig().isEmpty() ? "" : " " + modelConfig())
        + ")";
  }

  private long longValue(String key, long absent) {
    String s = metadata.get(key);
    return s == null ? absent : Long.parseLong(s);
  }

  private void validateMetadata() throws CheckpointException {
    for (String key : List.of(KEY_STEP, KEY_EPOCH, KEY_BATCH_IN_EPOCH, KEY_OPTIMIZER_STEP)) {
      String s = metadata.get(key);
      if (s != null) {
        try {
          if (Long.parseLong(s) < 0 || (!key.equals(KEY_STEP) && !key.equals(KEY_OPTIMIZER_STEP)
              && Long.parseLong(s) > Integer.MAX_VALUE)) {
            throw new NumberFormatException("out of range");
          }
        } catch (NumberFormatException e) {
          throw new CheckpointException(source, "metadata " + key + " = '" + s + "' is not a valid count", e);
        }
      }
    }
    String random = metadata.get(KEY_RANDOM);
    if (random != null) {
      try {
        parseRandom(random);
      } catch (IllegalArgumentException e) {
        throw new CheckpointException(source, "metadata " + KEY_RANDOM + " = '" + random + "' is not three"
            + " comma-separated integers (key, counter low, counter high)", e);
      }
    }
  }

  static String formatRandom(long[] state) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < state.length; i++) {
      b.append(i == 0 ? "" : ",").append(state[i]);
    }
    return b.toString();
  }

  private static long[] parseRandom(String s) {
    String[] parts = s.split(",", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("need 3 values, got " + parts.length);
    }
    long[] out = new long[3];
    for (int i = 0; i < 3; i++) {
      out[i] = Long.parseLong(parts[i].trim());
    }
    return out;
  }

  /** Reads the version from the jar manifest, or "development" when running from classes. */
  static String currentVersion() {
    String v = Checkpoint.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }

  @Override
  public String toString() {
    return "Checkpoint(" + (source == null ? "in memory" : source) + ", " + tensors.size() + " tensors, step "
        + metadata.getOrDefault(KEY_STEP, "?") + ")";
  }

  static Map<String, HostTensor> requireNoReservedPrefix(Map<String, HostTensor> parameters) {
    for (String name : parameters.keySet()) {
      Objects.requireNonNull(name, "parameter name");
      if (name.startsWith(OPTIMIZER_PREFIX) || name.startsWith(TRAINER_PREFIX)) {
        throw new IllegalArgumentException("checkpoint: parameter name '" + name + "' starts with a reserved"
            + " prefix ('" + OPTIMIZER_PREFIX + "' or '" + TRAINER_PREFIX + "'); rename the module's parameter");
      }
    }
    return parameters;
  }
}
