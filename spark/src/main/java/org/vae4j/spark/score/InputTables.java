package org.vae4j.spark.score;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.vae4j.core.data.ImageDataset;
import org.vae4j.spark.SparkInputException;
import org.vae4j.spark.bridge.ExamplesAdapter;

/**
 * Reads the table to score: a Parquet table, or images from an IDX folder or a named data set (one row per
 * image: {@code id} its index, {@code label}, {@code image binary}, the IDX bytes). A Parquet table without the id
 * column gets ids from the rows' positions in the table (Spark's {@code zipWithIndex}, stable for the same
 * files).
 */
final class InputTables {
  private InputTables() {
  }

  static Dataset<Row> read(SparkSession spark, ScoreRequest r) {
    if (isImageSet(r.input)) {
      return fromImages(spark, r);
    }
    Dataset<Row> table;
    try {
      table = spark.read().parquet(r.input);
    } catch (Exception e) { // AnalysisException is checked in Java's eyes but not declared
      throw new SparkInputException("--input " + r.input + " cannot be read as Parquet (" + firstLine(e) + "); give "
          + "a Parquet table, an IDX folder, mnist-10k or fashion-mnist", e);
    }
    if (List.of(table.schema().fieldNames()).contains(r.idColumn)) {
      return table;
    }
    StructType withId = table.schema().add(DataTypes.createStructField(r.idColumn, DataTypes.LongType, false));
    JavaRDD<Row> rows = table.javaRDD().zipWithIndex().map(p -> {
      Object[] values = new Object[p._1().length() + 1];
      for (int i = 0; i < p._1().length(); i++) {
        values[i] = p._1().get(i);
      }
      values[values.length - 1] = p._2();
      return RowFactory.create(values);
    });
    return spark.createDataFrame(rows, withId);
  }

  private static boolean isImageSet(String input) {
    if (input.equals("mnist-10k") || input.equals("fashion-mnist")) {
      return true;
    }
    Path p = Path.of(input);
    if (!Files.isDirectory(p)) {
      return false;
    }
    try (Stream<Path> files = Files.list(p)) {
      return files.anyMatch(f -> f.getFileName().toString().contains("idx3-ubyte"));
    } catch (IOException e) {
      return false;
    }
  }

  private static Dataset<Row> fromImages(SparkSession spark, ScoreRequest r) {
    if (!r.part.equals("test") && !r.part.equals("train")) {
      throw new SparkInputException("--part " + r.part + ": give test or train");
    }
    var data = ExamplesAdapter.data(r.input, 0, false, 0);
    ImageDataset images = r.part.equals("test") ? data.test() : data.train();
    List<Row> rows = new ArrayList<>(images.size());
    for (int i = 0; i < images.size(); i++) {
      float[] image = images.image(i);
      byte[] bytes = new byte[image.length];
      for (int j = 0; j < image.length; j++) {
        bytes[j] = (byte) Math.round(image[j] * 255f); // the IDX byte again: (b / 255f) * 255 rounds back to b
      }
      rows.add(RowFactory.create((long) i, images.label(i), bytes));
    }
    StructType schema = DataTypes.createStructType(new StructField[] {
        DataTypes.createStructField(r.idColumn, DataTypes.LongType, false),
        DataTypes.createStructField(r.labelColumn == null ? "label" : r.labelColumn, DataTypes.IntegerType, false),
        DataTypes.createStructField(r.imageColumn, DataTypes.BinaryType, false)});
    int slices = Math.max(1, spark.sparkContext().defaultParallelism());
    return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, slices),
        schema);
  }

  static String firstLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.strip().lines().findFirst().orElse(m);
  }
}
