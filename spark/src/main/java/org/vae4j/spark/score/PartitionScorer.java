package org.vae4j.spark.score;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Scores one partition in batches (Spark's {@code mapPartitions}): takes the executor's model for the
 * broadcast package ({@link ExecutorModels}), reads {@code batch} rows at a time and yields their output
 * rows lazily, so a partition is never held whole.
 */
final class PartitionScorer implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<ModelPackage> model;
  private final ImageColumn columns;
  private final ScoreOptions options;
  private final ScoreSchema schema;

  PartitionScorer(Broadcast<ModelPackage> model, ImageColumn columns, ScoreOptions options, ScoreSchema schema) {
    this.model = model;
    this.columns = columns;
    this.options = options;
    this.schema = schema;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> input) {
    LoadedModel loaded = ExecutorModels.get(model.value());
    return new Iterator<>() {
      private final List<Row> pending = new ArrayList<>();
      private int next;

      @Override
      public boolean hasNext() {
        if (next < pending.size()) {
          return true;
        }
        pending.clear();
        next = 0;
        if (input.hasNext()) {
          pending.addAll(scoreBatch(loaded, input));
        }
        return !pending.isEmpty();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return pending.get(next++);
      }
    };
  }

  private List<Row> scoreBatch(LoadedModel loaded, Iterator<Row> input) {
    int pixels = loaded.pixels();
    List<Row> rows = new ArrayList<>(options.batch());
    while (rows.size() < options.batch() && input.hasNext()) {
      rows.add(input.next());
    }
    int n = rows.size();
    long[] ids = new long[n];
    int[] labels = columns.label() >= 0 ? new int[n] : null;
    float[] images = new float[n * pixels];
    for (int i = 0; i < n; i++) {
      Row r = rows.get(i);
      ids[i] = columns.id(r);
      columns.copy(r, ids[i], images, i * pixels);
      if (labels != null) {
        labels[i] = columns.label(r);
      }
    }
    ScoredBatch scored = RowScorer.score(loaded, ids, images, labels, options);
    List<Row> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Object[] scores = schema.values(scored, i);
      int lead = labels != null ? 2 : 1;
      Object[] values = new Object[lead + scores.length];
      values[0] = ids[i];
      if (labels != null) {
        values[1] = rows.get(i).isNullAt(columns.label()) ? null : labels[i];
      }
      System.arraycopy(scores, 0, values, lead, scores.length);
      out.add(RowFactory.create(values));
    }
    return out;
  }
}
