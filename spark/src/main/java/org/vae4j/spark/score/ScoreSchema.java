package org.vae4j.spark.score;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The columns scoring writes for a model kind, after {@code id} (and {@code label} when the input has one):
 *
 * <table>
 *   <caption>columns by kind</caption>
 *   <tr><th>kind</th><th>columns</th></tr>
 *   <tr><td>vae, convvae, cvae</td><td>{@code z_mean array<float>}, {@code z_logvar array<float>},
 *       {@code neg_elbo double}, {@code log_px double}</td></tr>
 *   <tr><td>vqvae</td><td>{@code codes array<int>} (49, raster order of the 7x7 map)</td></tr>
 *   <tr><td>bnn</td><td>{@code probabilities array<float>}, {@code predictive_std array<float>},
 *       {@code predicted int}</td></tr>
 * </table>
 *
 * @param kind the model's kind
 */
public record ScoreSchema(String kind) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The score columns alone (the SQL function's struct). */
  public StructType scores() {
    List<StructField> f = new ArrayList<>();
    switch (kind) {
      case "vqvae" -> f.add(DataTypes.createStructField("codes", DataTypes.createArrayType(DataTypes.IntegerType, false),
          false));
      case "bnn" -> {
        f.add(DataTypes.createStructField("probabilities", floats(), false));
        f.add(DataTypes.createStructField("predictive_std", floats(), false));
        f.add(DataTypes.createStructField("predicted", DataTypes.IntegerType, false));
      }
      default -> {
        f.add(DataTypes.createStructField("z_mean", floats(), false));
        f.add(DataTypes.createStructField("z_logvar", floats(), false));
        f.add(DataTypes.createStructField("neg_elbo", DataTypes.DoubleType, false));
        f.add(DataTypes.createStructField("log_px", DataTypes.DoubleType, false));
      }
    }
    return DataTypes.createStructType(f);
  }

  /** The output table: {@code id}, {@code label} when the input has labels, then {@link #scores()}. */
  public StructType table(boolean withLabel) {
    List<StructField> f = new ArrayList<>();
    f.add(DataTypes.createStructField("id", DataTypes.LongType, false));
    if (withLabel) {
      f.add(DataTypes.createStructField("label", DataTypes.IntegerType, true));
    }
    for (StructField s : scores().fields()) {
      f.add(s);
    }
    return DataTypes.createStructType(f);
  }

  /** Row {@code i}'s score values, in {@link #scores()} order. */
  public Object[] values(ScoredBatch b, int i) {
    return switch (kind) {
      case "vqvae" -> {
        int w = b.codes().length / b.rows();
        yield new Object[] {boxed(b.codes(), i * w, w)};
      }
      case "bnn" -> {
        int c = b.probabilities().length / b.rows();
        yield new Object[] {boxed(b.probabilities(), i * c, c), boxed(b.predictiveStd(), i * c, c), b.predicted()[i]};
      }
      default -> {
        int l = b.zMean().length / b.rows();
        yield new Object[] {boxed(b.zMean(), i * l, l), boxed(b.zLogVar(), i * l, l), b.negativeElbo()[i],
            b.logPx()[i]};
      }
    };
  }

  private static org.apache.spark.sql.types.ArrayType floats() {
    return DataTypes.createArrayType(DataTypes.FloatType, false);
  }

  /** A Spark array value (a Scala sequence) of {@code v[from .. from + n)}. */
  static Seq<Float> boxed(float[] v, int from, int n) {
    List<Float> out = new ArrayList<>(n);
    for (int j = 0; j < n; j++) {
      out.add(v[from + j]);
    }
    return CollectionConverters.asScala(out).toSeq();
  }

  private static Seq<Integer> boxed(int[] v, int from, int n) {
    List<Integer> out = new ArrayList<>(n);
    for (int j = 0; j < n; j++) {
      out.add(v[from + j]);
    }
    return CollectionConverters.asScala(out).toSeq();
  }
}
