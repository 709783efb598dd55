package org.vae4j.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.vae4j.api.Device;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option value converters that check what they read; picocli reports their messages as
 * {@code Invalid value for option '--epochs': <message>}.
 */
public final class Converters {
  private Converters() {
  }

  /** An integer of at least {@code min}. */
  private abstract static class WholeNumberAtLeast implements ITypeConverter<Integer> {
    private final int min;

    WholeNumberAtLeast(int min) {
      this.min = min;
    }

    @Override
    public Integer convert(String value) {
      int v;
      try {
        v = Integer.parseInt(value.strip());
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + value + "' is not a whole number; give one >= " + min);
      }
      if (v < min) {
        throw new TypeConversionException(v + (min == 0 ? " is negative" : " is too small") + "; give a whole number >= "
            + min);
      }
      return v;
    }
  }

  /** An integer of at least 1. */
  public static final class PositiveInt extends WholeNumberAtLeast {
    public PositiveInt() {
      super(1);
    }
  }

  /** An integer of at least 0. */
  public static final class NonNegativeInt extends WholeNumberAtLeast {
    public NonNegativeInt() {
      super(0);
    }
  }

  /** A finite number above 0 ({@code strict}) or of at least 0. */
  private abstract static class FiniteNumberFromZero implements ITypeConverter<Double> {
    private final boolean strict;
    private final String example;

    FiniteNumberFromZero(boolean strict, String example) {
      this.strict = strict;
      this.example = example;
    }

    @Override
    public Double convert(String value) {
      String bound = strict ? "> 0" : ">= 0";
      double v;
      try {
        v = Double.parseDouble(value.strip());
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + value + "' is not a number; give one " + bound + ", e.g. " + example);
      }
      if (!(strict ? v > 0 : v >= 0) || Double.isInfinite(v)) {
        throw new TypeConversionException(value + " is not a finite number " + bound + "; give one such as "
            + example.split(" ")[0]);
      }
      return v;
    }
  }

  /** A finite number greater than 0. */
  public static final class PositiveDouble extends FiniteNumberFromZero {
    public PositiveDouble() {
      super(true, "0.001 or 1e-3");
    }
  }

  /** A finite number of at least 0. */
  public static final class NonNegativeDouble extends FiniteNumberFromZero {
    public NonNegativeDouble() {
      super(false, "1.0");
    }
  }

  /** {@code cpu}, {@code gpu} or {@code gpu:N}, as {@link Device#parse} reads them. */
  public static final class DeviceConverter implements ITypeConverter<Device> {
    @Override
    public Device convert(String value) {
      try {
        return Device.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** A path to a file or folder that exists. */
  public static final class ExistingPath implements ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
      Path p = Path.of(value);
      if (!Files.exists(p)) {
        throw new TypeConversionException(value + " does not exist; give a checkpoint file or a run folder");
      }
      return p;
    }
  }
}
