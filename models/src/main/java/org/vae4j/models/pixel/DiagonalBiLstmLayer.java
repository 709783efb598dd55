package org.vae4j.models.pixel;

import java.util.ArrayList;
import java.util.List;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.spi.Conv2dSpec;
import org.vae4j.core.Tensors;
import org.vae4j.core.nn.Conv2d;
import org.vae4j.core.nn.Inits;
import org.vae4j.core.nn.LstmCell;
import org.vae4j.core.nn.LstmStep;
import org.vae4j.core.nn.ModuleBase;
import org.vae4j.core.nn.ParameterFactory;

/**
 * The Diagonal BiLSTM of PixelRNN. Each direction skews its input ({@link Skew}: row i shifted right by i), so
 * that the image's diagonals become columns, and runs an LSTM along the columns: input-to-state is a 1x1
 * convolution of the skewed input, state-to-state a 2 x 1 convolution of the previous column's states at the
 * same row and the row above. Unskewed, the state at {@code (r, c)} follows from the states at
 * {@code (r, c - 1)} (whose cell memory it continues) and {@code (r - 1, c)}: the whole raster-order past.
 *
 * <p>The right-to-left direction is the same on the mirrored map; its output is shifted down one row before
 * the two are added, so that it never sees the current row. Then the residual connection:
 * {@code out = x + project(leftToRight + shiftDown(rightToLeft))}. Parameters {@code leftToRight.*},
 * {@code rightToLeft.*} (each {@code inputToState (4h, 2h, 1, 1)} with bias, {@code stateToState.weight
 * (4h, h, 2, 1)}), {@code project.*}.
 */
final class DiagonalBiLstmLayer extends ModuleBase implements PixelRnnLayer {
  private final int hidden;
  private final Direction leftToRight;
  private final Direction rightToLeft;
  private final Conv2d project;

  /** One direction: an LSTM down the columns of the skewed map. */
  static final class Direction extends ModuleBase {
    private final int hidden;
    private final Conv2d inputToState;
    private final Conv2d stateToState;

    Direction(int hidden, ParameterFactory p) {
      this.hidden = hidden;
      this.inputToState = registerModule("inputToState", new Conv2d(2 * hidden, 4 * hidden, 1, 1, 0, p));
      this.stateToState = registerModule("stateToState", new Conv2d(hidden, 4 * hidden, 2, 1,
          new Conv2dSpec(1, 1, 0, 0, 1, 1), Inits.pytorchDefault(), null, p));
    }

    /** The hidden states {@code (N, h, H, W)} of this direction on {@code x (N, 2h, H, W)}, left to right. */
    Tensor run(Tensor x) {
      int rows = x.dim(2);
      int width = x.dim(3);
      Tensor is = inputToState.forward(Skew.skew(x)).add(Skew.outsideImageGateBias(x, hidden, rows, width));
      int columns = is.dim(3);
      Tensor c = x.factory().zeros(Shape.of(x.dim(0), hidden, rows, 1), x.dtype());
      Tensor h = null;
      List<Tensor> states = new ArrayList<>(columns);
      for (int t = 0; t < columns; t++) {
        Tensor gates = is.slice(3, t, t + 1);
        if (h != null) {
          // row j of the previous column and row j - 1 above it: pad one zero row on top, 2 x 1 kernel
          gates = gates.add(stateToState.forward(h.pad(new int[] {0, 0, 1, 0}, new int[] {0, 0, 0, 0}, 0.0)));
        }
        LstmCell.State s = LstmStep.fromGates(gates, c);
        h = s.h();
        c = s.c();
        states.add(h);
      }
      return Skew.unskew(Tensors.concat(states, 3), width);
    }

    /** The per-pixel cell: inputs {@code [x(r, c), h(r - 1, c)]}, own state the previous pixel of the scan. */
    CellWeights cellWeights() {
      Tensor zero = inputToState.bias().factory().zeros(Shape.of(4 * hidden), inputToState.bias().dtype());
      return new CellWeights(Tensors.concat(List.of(CellWeights.tap(inputToState.weight(), 0, 0),
          CellWeights.tap(stateToState.weight(), 0, 0)), 1), CellWeights.tap(stateToState.weight(), 1, 0),
          inputToState.bias(), zero);
    }
  }

  DiagonalBiLstmLayer(int hidden, ParameterFactory p) {
    this.hidden = hidden;
    this.leftToRight = registerModule("leftToRight", new Direction(hidden, p));
    this.rightToLeft = registerModule("rightToLeft", new Direction(hidden, p));
    this.project = registerModule("project", new Conv2d(hidden, 2 * hidden, 1, 1, 0, p));
  }

  @Override
  public Tensor forward(Tensor x) {
    int rows = x.dim(2);
    Tensor forward = leftToRight.run(x);
    Tensor backward = Skew.flipWidth(rightToLeft.run(Skew.flipWidth(x)));
    Tensor shifted = backward.pad(new int[] {0, 0, 1, 0}, new int[] {0, 0, 0, 0}, 0.0).slice(2, 0, rows);
    return x.add(project.forward(forward.add(shifted)));
  }

  Direction leftToRight() {
    return leftToRight;
  }

  Direction rightToLeft() {
    return rightToLeft;
  }

  /** The residual projection as a matrix {@code (2h, h)} and its bias. */
  Tensor[] projection() {
    return new Tensor[] {CellWeights.tap(project.weight(), 0, 0), project.bias()};
  }

  int hidden() {
    return hidden;
  }
}
