package org.vae4j.examples.run;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vae4j.examples.io.AtomicFiles;

/**
 * What a finished run reports ({@code summary.json}), written as pretty JSON with snake_case keys
 * ({@code final_test_loss}, ...). A number that is not finite (a test loss never computed, NaN) is written as
 * {@code null}, so the file is strict JSON that every parser reads; reading gives NaN back.
 *
 * @param backend               the backend's name ({@code pure}, {@code nd4j}, {@code djl})
 * @param device                the device, as {@code cpu} or {@code gpu:N}
 * @param model                 the model's name
 * @param data                  the {@code --data} value
 * @param epochs                epochs trained
 * @param finalTestLoss         mean test loss after the last epoch (NaN, written as {@code null}, when none was
 *                              computed)
 * @param testLogLikelihood     importance-sampled estimate of the mean test log p(x) (exact for the pixel
 *                              models), or {@code null} when not computed (written as JSON {@code null})
 * @param examplesPerSecond     training examples per second over the whole run
 * @param wallSeconds           wall time of the run
 * @param peakHeapBytes         peak Java heap use, see {@link #measurePeakHeapBytes()}
 * @param seed                  the run's seed
 * @param logLikelihoodSamples  importance samples (k) per image of the log-likelihood estimate, or null
 * @param logLikelihoodImages   test images the log-likelihood estimate averages over, or null
 */
public record RunSummary(String backend, String device, String model, String data, int epochs,
    double finalTestLoss, Double testLogLikelihood, double examplesPerSecond, double wallSeconds,
    long peakHeapBytes, long seed, Integer logLikelihoodSamples, Integer logLikelihoodImages) {

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls()
      .registerTypeAdapter(double.class, FiniteOrNull.PRIMITIVE).registerTypeAdapter(Double.class, FiniteOrNull.BOXED)
      .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES).create();

  /** Writes NaN and infinities as JSON {@code null}; reads {@code null} as NaN (or null, for a boxed field). */
  private static final class FiniteOrNull extends TypeAdapter<Double> {
    static final FiniteOrNull PRIMITIVE = new FiniteOrNull(Double.NaN);
    static final FiniteOrNull BOXED = new FiniteOrNull(null);
    private final Double absent;

    private FiniteOrNull(Double absent) {
      this.absent = absent;
    }

    @Override
    public void write(JsonWriter out, Double value) throws IOException {
      if (value == null || !Double.isFinite(value)) {
        out.nullValue();
      } else {
        out.value(value);
      }
    }

    @Override
    public Double read(JsonReader in) throws IOException {
      if (in.peek() == JsonToken.NULL) {
        in.nextNull();
        return absent;
      }
      return in.nextDouble();
    }
  }

  /** Writes this summary to {@code file}, atomically. */
  public void write(Path file) {
    AtomicFiles.write(file, (GSON.toJson(this) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** Reads a summary written by {@link #write}. */
  public static RunSummary read(Path file) {
    try {
      RunSummary s = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), RunSummary.class);
      if (s == null) {
        throw new JsonParseException("empty file");
      }
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (JsonParseException e) {
      throw new IllegalArgumentException(file + " is not a run summary: " + e.getMessage(), e);
    }
  }

  /**
   * The largest Java heap use seen so far in this JVM: the larger of the current heap use and the sum of the
   * peak use of every heap memory pool. Pools peak at different moments, so the sum may exceed the true
   * peak of the whole heap; it never falls below it. Native memory of a backend is not counted.
   */
  public static long measurePeakHeapBytes() {
    long sumOfPeaks = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.isValid() && pool.getPeakUsage() != null) {
        sumOfPeaks += pool.getPeakUsage().getUsed();
      }
    }
    return Math.max(sumOfPeaks, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
  }
}
