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

  /** An integer of at least 1. */
  public static final class PositiveInt implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int v;
      try {
        v = Integer.parseInt(value.strip());
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + value + "' is not a whole number; give one >= 1");
      }
      if (v < 1) {
        throw new TypeConversionException(v + " is too small; give a whole number >= 1");
      }
      return v;
    }
  }

  /** An integer of at least 0. */
  public static final class NonNegativeInt implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int v;
      try {
        v = Integer.parseInt(value.strip());
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + value + "' is not a whole number; give one >= 0");
      }
      if (v < 0) {
        throw new TypeConversionException(v + " is negative; give a whole number >= 0");
      }
      return v;
    }
  }

  /** A finite number of at least 0. */
  public static final class NonNegativeDouble implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      double v;
      try {
        v = Double.parseDouble(value.strip());
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + value + "' is not a number; give one >= 0, e.g. 1.0");
      }
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw new TypeConversionException(value + " is not a finite number >= 0; give one such as 1.0");
      }
      return v;
    }
  }

  /** A finite number greater than 0. */
  public static final class PositiveDouble implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      double v;
      try {
        v = Double.parseDouble(value.strip());
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + value + "' is not a number; give one > 0, e.g. 0.001 or 1e-3");
      }
      if (!(v > 0) || Double.isInfinite(v)) {
        throw new TypeConversionException(value + " is not a finite number > 0; give one such as 0.001");
      }
      return v;
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
