package org.vae4j.spark.score;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import org.vae4j.spark.SparkInputException;

/**
 * Where a table keeps what scoring reads: the image column ({@code binary}: one unsigned byte per pixel,
 * scaled to [0, 1] as IDX files are; or {@code array<float>} / {@code array<double>} of values in [0, 1]),
 * the id column (integral) and an optional label column (integral). Checked against the table's schema on
 * the driver; each row's length is checked where it is read.
 *
 * @param image       the image column's index
 * @param binary      whether it is {@code binary}
 * @param imageName   its name, for messages
 * @param id          the id column's index
 * @param label       the label column's index, or -1
 * @param pixels      values per image the model reads
 */
public record ImageColumn(int image, boolean binary, String imageName, int id, int label, int pixels)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Finds and checks the columns in {@code schema}.
   *
   * @throws SparkInputException naming the column and the table's columns when one is missing or of a wrong type
   */
  public static ImageColumn of(StructType schema, String imageName, String idName, String labelName, int pixels) {
    List<String> names = Arrays.asList(schema.fieldNames());
    if (!names.contains(imageName)) {
      throw new SparkInputException("the input table has no image column '" + imageName + "' (its columns: "
          + String.join(", ", names) + "); name it with --image-column");
    }
    DataType t = schema.apply(imageName).dataType();
    boolean binary = t instanceof BinaryType;
    if (!binary && !(t instanceof ArrayType a && (a.elementType().equals(DataTypes.FloatType)
        || a.elementType().equals(DataTypes.DoubleType)))) {
      throw new SparkInputException("the image column '" + imageName + "' is " + t.simpleString() + "; give a "
          + "binary column (one byte per pixel) or array<float> (values in [0, 1])");
    }
    int id = names.indexOf(idName);
    if (id >= 0 && !(schema.apply(idName).dataType() instanceof NumericType)) {
      throw new SparkInputException("the id column '" + idName + "' is " + schema.apply(idName).dataType().simpleString()
          + "; give an integral id column (--id-column)");
    }
    int label = labelName == null ? -1 : names.indexOf(labelName);
    return new ImageColumn(names.indexOf(imageName), binary, imageName, id, label, pixels);
  }

  /** Row {@code row}'s id. */
  public long id(Row row) {
    return ((Number) row.get(id)).longValue();
  }

  /** Row {@code row}'s label, or 0 when it has none. */
  public int label(Row row) {
    Object v = label < 0 ? null : row.get(label);
    return v == null ? 0 : ((Number) v).intValue();
  }

  /**
   * Copies row {@code row}'s image into {@code out} at {@code offset}.
   *
   * @throws SparkInputException naming the column, the row and the expected length when it is null or of another
   *                             length
   */
  public void copy(Row row, long rowId, float[] out, int offset) {
    if (row.isNullAt(image)) {
      throw wrongLength(rowId, "null");
    }
    if (binary) {
      byte[] b = (byte[]) row.get(image);
      if (b.length != pixels) {
        throw wrongLength(rowId, b.length + " bytes");
      }
      for (int i = 0; i < pixels; i++) {
        out[offset + i] = (b[i] & 0xFF) / 255f;
      }
    } else {
      List<Object> values = row.getList(image);
      if (values.size() != pixels) {
        throw wrongLength(rowId, values.size() + " values");
      }
      for (int i = 0; i < pixels; i++) {
        out[offset + i] = ((Number) values.get(i)).floatValue();
      }
    }
  }

  private SparkInputException wrongLength(long rowId, String got) {
    return new SparkInputException("row " + rowId + " of column '" + imageName + "' has " + got + "; the model reads "
        + pixels + (binary ? " bytes" : " values") + " per image");
  }
}
