package org.vae4j.spark.score;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF3;
import org.vae4j.spark.SparkInputException;

/**
 * The scores as a Spark SQL function, for SQL users: {@code name(id, image)} (and
 * {@code name(id, image, label)} for a conditional VAE) returns a struct of the {@link ScoreSchema} columns,
 * the same values as the table {@link SparkScoring} writes (the row's noise is keyed by its id, so scoring
 * one row at a time changes nothing but speed). The image is {@code binary} (bytes / 255) or
 * {@code array<float>}.
 *
 * <pre>{@code
 * ScoreSql.register(spark, "vae_score", Path.of("runs/vae"), ScoreOptions.defaults());
 * spark.sql("SELECT id, vae_score(id, image).log_px AS log_px FROM digits ORDER BY log_px LIMIT 10");
 * }</pre>
 *
 * A SQL function is called row by row; for whole tables the batched {@link SparkScoring} is faster.
 */
public final class ScoreSql {
  private ScoreSql() {
  }

  /** Registers function {@code name} scoring with the model of run {@code run} on the executors' default backend. */
  public static void register(SparkSession spark, String name, Path run, ScoreOptions options) {
    register(spark, name, ModelPackage.of(run, null, null), options);
  }

  /** Registers function {@code name} scoring with {@code pkg}'s model. */
  public static void register(SparkSession spark, String name, ModelPackage pkg, ScoreOptions options) {
    Broadcast<ModelPackage> model = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(pkg);
    ScoreSchema schema = new ScoreSchema(pkg.kind());
    if (pkg.kind().equals("cvae")) {
      spark.udf().register(name, (UDF3<Object, Object, Object, Row>) (id, image, label) -> scoreOne(model, schema,
          options, id, image, label), schema.scores());
    } else {
      spark.udf().register(name, (UDF2<Object, Object, Row>) (id, image) -> scoreOne(model, schema, options, id,
          image, null), schema.scores());
    }
  }

  private static Row scoreOne(Broadcast<ModelPackage> model, ScoreSchema schema, ScoreOptions options, Object id,
      Object image, Object label) {
    if (id == null || image == null) {
      return null;
    }
    LoadedModel loaded = ExecutorModels.get(model.value());
    long rowId = ((Number) id).longValue();
    float[] values = pixelsOf(image, rowId, loaded.pixels());
    int[] labels = label == null ? null : new int[] {((Number) label).intValue()};
    ScoredBatch b = RowScorer.score(loaded, new long[] {rowId}, values, labels, options);
    return RowFactory.create(schema.values(b, 0));
  }

  private static float[] pixelsOf(Object image, long rowId, int pixels) {
    float[] out = new float[pixels];
    if (image instanceof byte[] b) {
      check(b.length, rowId, pixels, "bytes");
      for (int i = 0; i < pixels; i++) {
        out[i] = (b[i] & 0xFF) / 255f;
      }
      return out;
    }
    List<?> values = image instanceof scala.collection.Seq<?> s ? scala.jdk.javaapi.CollectionConverters.asJava(s)
        : (List<?>) image;
    check(values.size(), rowId, pixels, "values");
    for (int i = 0; i < pixels; i++) {
      out[i] = ((Number) values.get(i)).floatValue();
    }
    return out;
  }

  private static void check(int length, long rowId, int pixels, String unit) {
    if (length != pixels) {
      throw new SparkInputException("row " + rowId + ": the image has " + length + " " + unit + "; the model reads "
          + pixels + " per image");
    }
  }
}
