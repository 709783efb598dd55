package org.vae4j.examples.run;

import java.util.Locale;

/**
 * The figures of one finished epoch, as reported by {@link TrainingProgress} and written by
 * {@link MetricsCsv}.
 *
 * @param epoch             this epoch, from 1
 * @param epochs            epochs in the whole run
 * @param trainLoss         mean training loss over the epoch
 * @param testLoss          mean test loss after the epoch, or NaN when the test set was not evaluated
 * @param seconds           wall time of the epoch
 * @param examplesPerSecond training examples per second during the epoch
 */
public record EpochStats(int epoch, int epochs, double trainLoss, double testLoss, double seconds,
    double examplesPerSecond) {
  public EpochStats {
    if (epoch < 1 || epoch > epochs) {
      throw new IllegalArgumentException("epoch " + epoch + " is outside [1, " + epochs + "]");
    }
  }

  /** One line for a person, e.g. {@code epoch 3/10: train loss 112.3, test loss 110.2, 12.3 s, 7321 examples/s}. */
  public String describe() {
    String test = Double.isNaN(testLoss) ? "" : String.format(Locale.ROOT, ", test loss %.4g", testLoss);
    return String.format(Locale.ROOT, "epoch %d/%d: train loss %.4g%s, %.1f s, %.0f examples/s", epoch, epochs,
        trainLoss, test, seconds, examplesPerSecond);
  }
}
