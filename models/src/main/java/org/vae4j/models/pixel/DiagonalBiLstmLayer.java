package org.vae4j.models.pixel;

import java.util.ArrayList;
import java.util.List;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.spi.Conv2dSpec;
import org.vae4j.core.Functions;
import org.vae4j.core.Scope;
import org.vae4j.core.Tensors;
import org.vae4j.core.nn.Conv2d;
import org.vae4j.core.nn.Inits;
import org.vae4j.core.nn.LstmCell;
import org.vae4j.core.nn.LstmStep;
import org.vae4j.core.nn.ModuleBase;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.nn.Slices;

/**
 * The Diagonal BiLSTM of PixelRNN. Each direction skews its input ({@link Skew}: row i shifted right by i), so
 * that the image's diagonals become columns, and runs an LSTM along the columns: input-to-state is a 1x1
 * convolution of the skewed input, state-to-state a 2 x 1 convolution of the previous column's states at the
 * same row and the row above. Unskewed, the state at {@code (r, c)} follows from the states at
 * {@code (r, c - 1)} (whose cell memory it continues) and {@code (r - 1, c)}.
 *
 * <p>The right-to-left direction is the same on the mirrored map; its output is shifted down one row before
 * the two are added, so that it never sees the current row. Then the residual connection:
 * {@code out = x + project(leftToRight + shiftDown(rightToLeft))}. The two directions run in one loop, as one
 * LSTM of 2h units whose state-to-state kernel is block-diagonal (each direction reads only its own states):
 * half the sequential steps of running them one after the other. Parameters {@code leftToRight.*},
 * {@code rightToLeft.*} (each {@code inputToState (4h, 2h, 1, 1)} with bias, {@code stateToState.weight
 * (4h, h, 2, 1)}), {@code project.*}.
 */
final class DiagonalBiLstmLayer extends ModuleBase implements PixelRnnLayer {
  private static final Conv2dSpec UNPADDED = new Conv2dSpec(1, 1, 0, 0, 1, 1);

  private final int hidden;
  private final Direction leftToRight;
  private final Direction rightToLeft;
  private final Conv2d project;

  /** The weights of one direction. */
  static final class Direction extends ModuleBase {
    private final int hidden;
    private final Conv2d inputToState;
    private final Conv2d stateToState;

    Direction(int hidden, ParameterFactory p) {
      this.hidden = hidden;
      this.inputToState = registerModule("inputToState", new Conv2d(2 * hidden, 4 * hidden, 1, 1, 0, p));
      this.stateToState = registerModule("stateToState", new Conv2d(hidden, 4 * hidden, 2, 1, UNPADDED,
          Inits.pytorchDefault(), null, p));
    }

    /** The per-pixel cell: inputs {@code [x(r, c), h(r - 1, c)]}, own state the previous pixel of the scan. */
    CellWeights cellWeights() {
      Tensor zero = inputToState.bias().factory().zeros(Shape.of(4 * hidden), inputToState.bias().dtype());
      return new CellWeights(Tensors.concat(List.of(CellWeights.tap(inputToState.weight(), 0, 0),
          CellWeights.tap(stateToState.weight(), 0, 0)), 1), CellWeights.tap(stateToState.weight(), 1, 0),
          inputToState.bias(), zero);
    }

    /** The gate pre-activations {@code (N, 4, h, H, W + H - 1)} of the input, skewed. */
    Tensor inputGates(Tensor x) {
      Tensor is = inputToState.forward(Skew.skew(x));
      return is.reshape(is.dim(0), 4, hidden, is.dim(2), is.dim(3));
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
    int n = x.dim(0);
    int rows = x.dim(2);
    int width = x.dim(3);
    int h = hidden;
    // gate channels [i_l, i_r, f_l, f_r, g_l, g_r, o_l, o_r] (h each), states [h_l | h_r]
    Tensor is = Tensors.concat(List.of(leftToRight.inputGates(x), rightToLeft.inputGates(Skew.flipWidth(x))), 2);
    is = is.reshape(n, 8 * h, rows, is.dim(4)).add(Skew.outsideImageGateBias(x, 2 * h, rows, width));
    Tensor stateToState = blockDiagonal(leftToRight.stateToState.weight(), rightToLeft.stateToState.weight());
    Tensor c = x.factory().zeros(Shape.of(n, 2 * h, rows, 1), x.dtype());
    Tensor state = null;
    List<Tensor> states = new ArrayList<>(is.dim(3));
    for (Tensor gates : Slices.unbind(is, 3)) {
      try (Scope step = StepScopes.scope()) {
        if (state != null) {
          // row j of the previous column and row j - 1 above it: pad one zero row on top, 2 x 1 kernel
          Tensor above = state.pad(new int[] {0, 0, 1, 0}, new int[] {0, 0, 0, 0}, 0.0);
          gates = gates.add(Functions.conv2d(above, stateToState, null, UNPADDED));
        }
        LstmCell.State s = StepScopes.keep(step, LstmStep.fromGates(gates, c));
        state = s.h();
        c = s.c();
        states.add(state);
      }
    }
    Tensor both = Skew.unskew(Tensors.concat(states, 3), width);
    Tensor backward = Skew.flipWidth(both.slice(1, h, 2 * h));
    Tensor shifted = backward.pad(new int[] {0, 0, 1, 0}, new int[] {0, 0, 0, 0}, 0.0).slice(2, 0, rows);
    return x.add(project.forward(both.slice(1, 0, h).add(shifted)));
  }

  /**
   * The two directions' state-to-state kernels {@code (4h, h, 2, 1)} as one {@code (8h, 2h, 2, 1)} kernel from
   * the states {@code [h_l | h_r]} to the interleaved gates: zero where a direction would read the other's.
   */
  private Tensor blockDiagonal(Tensor left, Tensor right) {
    int h = hidden;
    Tensor l = left.reshape(4, h, h, 2, 1).pad(new int[] {0, 0, 0, 0, 0}, new int[] {0, 0, h, 0, 0}, 0.0);
    Tensor r = right.reshape(4, h, h, 2, 1).pad(new int[] {0, 0, h, 0, 0}, new int[] {0, 0, 0, 0, 0}, 0.0);
    return Tensors.concat(List.of(l, r), 1).reshape(8 * h, 2 * h, 2, 1);
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
}
