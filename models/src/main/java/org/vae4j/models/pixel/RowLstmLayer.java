package org.vae4j.models.pixel;

import java.util.ArrayList;
import java.util.List;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.spi.Conv2dSpec;
import org.vae4j.core.Scope;
import org.vae4j.core.Tensors;
import org.vae4j.core.nn.Conv2d;
import org.vae4j.core.nn.Inits;
import org.vae4j.core.nn.LstmCell;
import org.vae4j.core.nn.LstmStep;
import org.vae4j.core.nn.MaskedConv2d;
import org.vae4j.core.nn.MaskedConv2d.Mask;
import org.vae4j.core.nn.ModuleBase;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.nn.Slices;

/**
 * The Row LSTM of PixelRNN: the rows of the map are the steps of an LSTM whose state is a whole row.
 *
 * <pre>
 * gates_r = K_is * x_r  +  K_ss * h_(r-1)       K_is: 1 x k, mask B (taps left of and at the pixel);
 * h_r, c_r = LSTM(gates_r, c_(r-1))              K_ss: 1 x k over the row above, unmasked
 * out = x + project(h)                           project: 1x1 conv h -> 2h (the residual connection)
 * </pre>
 *
 * <p>The input-to-state convolution runs on the whole map at once; only the state-to-state one is sequential.
 * State at {@code (r, c)} depends on the input at {@code (r, c - k/2 .. c)} and on the states at
 * {@code (r - 1, c - k/2 .. c + k/2)}: a triangle above the pixel, all before it in raster order. Parameters
 * {@code inputToState.*} {@code (4h, 2h, 1, k)}, {@code stateToState.weight} {@code (4h, h, 1, k)},
 * {@code project.*} {@code (2h, h, 1, 1)}.
 */
final class RowLstmLayer extends ModuleBase implements PixelRnnLayer {
  private static final int K = PixelRnnConfig.ROW_KERNEL;

  private final int hidden;
  private final MaskedConv2d inputToState;
  private final Conv2d stateToState;
  private final Conv2d project;

  RowLstmLayer(int hidden, ParameterFactory p) {
    this.hidden = hidden;
    this.inputToState = registerModule("inputToState", new MaskedConv2d(2 * hidden, 4 * hidden, 1, K, Mask.B, true,
        p));
    this.stateToState = registerModule("stateToState", new Conv2d(hidden, 4 * hidden, 1, K,
        new Conv2dSpec(1, 1, 0, K / 2, 1, 1), Inits.pytorchDefault(), null, p));
    this.project = registerModule("project", new Conv2d(hidden, 2 * hidden, 1, 1, 0, p));
  }

  @Override
  public Tensor forward(Tensor x) {
    Tensor is = inputToState.forward(x);
    Tensor c = x.factory().zeros(Shape.of(x.dim(0), hidden, 1, x.dim(3)), x.dtype());
    Tensor h = null;
    List<Tensor> states = new ArrayList<>(x.dim(2));
    for (Tensor gates : Slices.unbind(is, 2)) {
      try (Scope step = StepScopes.scope()) {
        if (h != null) {
          gates = gates.add(stateToState.forward(h));
        }
        LstmCell.State s = StepScopes.keep(step, LstmStep.fromGates(gates, c));
        h = s.h();
        c = s.c();
        states.add(h);
      }
    }
    return x.add(project.forward(Tensors.concat(states, 2)));
  }

  /**
   * The per-pixel cell: inputs {@code [x(r, c - k/2) .. x(r, c), h(r-1, c - k/2) .. h(r-1, c + k/2) without
   * h(r-1, c)]}, own state {@code (h, c)(r - 1, c)}.
   */
  CellWeights cellWeights() {
    List<Tensor> columns = new ArrayList<>();
    for (int j = 0; j <= K / 2; j++) {
      columns.add(CellWeights.tap(inputToState.weight(), 0, j));
    }
    for (int j = 0; j < K; j++) {
      if (j != K / 2) {
        columns.add(CellWeights.tap(stateToState.weight(), 0, j));
      }
    }
    Tensor zero = inputToState.bias().factory().zeros(Shape.of(4 * hidden), inputToState.bias().dtype());
    return new CellWeights(Tensors.concat(columns, 1), CellWeights.tap(stateToState.weight(), 0, K / 2),
        inputToState.bias(), zero);
  }

  /** The residual projection as a matrix {@code (2h, h)} and its bias. */
  Tensor[] projection() {
    return new Tensor[] {CellWeights.tap(project.weight(), 0, 0), project.bias()};
  }
}
