package org.vae4j.core.autodiff;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;

/**
 * The reverse-mode walker: orders the recorded graph below a root topologically, applies each node's
 * {@link GradientRule} in reverse order, reduces broadcast gradients back to their inputs' shapes (the one
 * place this happens) and accumulates into the leaves that require gradients. Runs with recording off.
 * Leaves receive their gradients only once the whole walk has succeeded, so a rule that throws (an op
 * without a gradient rule, see {@link GradientTable}) leaves every {@code grad()} as it was.
 *
 * <p>Unless asked to retain it, the walk frees the graph it differentiated: every recorded tensor on it drops
 * its node, so a second backward pass through any of them throws {@link IllegalStateException} instead of
 * adding the same gradients again (PyTorch's rule), and the tensors that were reachable only through the
 * graph become garbage. The tensors themselves stay open; their scope still closes them.
 *
 * <p>A leaf takes its gradient tensor as it is when that tensor was made during this pass and handed to
 * no other tensor (so no rule, seed or other leaf holds it), and a detached copy otherwise.
 */
final class Backprop {
  private Backprop() {
  }

  static void run(TapeTensor root, TapeTensor seed, boolean retainGraph) {
    List<TapeTensor> order = topologicalOrder(root);
    Map<TapeTensor, Tensor> grads = new IdentityHashMap<>();
    // How often each gradient object was handed to some tensor: a leaf may take one handed out once.
    Map<Tensor, Integer> handedOut = new IdentityHashMap<>();
    grads.put(root, seed);
    handedOut.put(seed, 2);
    List<TapeTensor> leaves = new ArrayList<>();
    List<TapeTensor> leafGrads = new ArrayList<>();
    try (NoGrad ignored = NoGrad.enter()) {
      for (int i = order.size() - 1; i >= 0; i--) {
        TapeTensor t = order.get(i);
        Tensor g = grads.remove(t);
        if (g == null) {
          continue;
        }
        Node node = t.node();
        if (node == null) {
          boolean exclusive = handedOut.getOrDefault(g, 0) == 1 && g.grad() == null && !g.requiresGrad();
          leaves.add(t);
          leafGrads.add(TapeTensor.of(exclusive ? g : g.detach()));
          continue;
        }
        Tensor[] inputGrads = GradientTable.ruleFor(node.op()).apply(node, g);
        for (int k = 0; k < node.inputs().length; k++) {
          TapeTensor input = node.inputs()[k];
          if (inputGrads[k] == null || !input.requiresGrad()) {
            continue;
          }
          Tensor ig = reduceToShape(inputGrads[k], input.shape());
          Tensor prev = grads.get(input);
          Tensor sum = prev == null ? ig : prev.add(ig);
          grads.put(input, sum);
          handedOut.merge(sum, 1, Integer::sum);
        }
      }
      for (int i = 0; i < leaves.size(); i++) {
        leaves.get(i).accumulateGrad(leafGrads.get(i));
      }
    }
    if (!retainGraph) {
      for (TapeTensor t : order) {
        t.freeGraph();
      }
    }
  }

  /** Sums a broadcast gradient over the axes that broadcasting added or stretched. */
  static Tensor reduceToShape(Tensor g, Shape target) {
    Shape s = g.shape();
    if (s.equals(target)) {
      return g;
    }
    int lead = s.rank() - target.rank();
    List<Integer> axes = new ArrayList<>();
    for (int i = 0; i < s.rank(); i++) {
      if (i < lead || (target.dim(i - lead) == 1 && s.dim(i) != 1)) {
        axes.add(i);
      }
    }
    Tensor r = g;
    if (!axes.isEmpty()) {
      r = g.sum(axes.stream().mapToInt(Integer::intValue).toArray(), true);
    }
    return r.reshape(target);
  }

  /** Nodes reachable from root that require gradients, each after all of its inputs. Iterative. */
  private static List<TapeTensor> topologicalOrder(TapeTensor root) {
    List<TapeTensor> order = new ArrayList<>();
    Set<TapeTensor> visited = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Object[]> stack = new ArrayDeque<>();
    stack.push(new Object[] {root, 0});
    visited.add(root);
    while (!stack.isEmpty()) {
      Object[] frame = stack.peek();
      TapeTensor t = (TapeTensor) frame[0];
      if (t.graphFreed()) {
        throw new IllegalStateException("backward: the graph through the " + t.madeBy() + " result " + t.dtype()
            + " " + t.shape() + " was freed by an earlier backward pass, and differentiating it again would add"
            + " its gradients to the leaves a second time; pass retainGraph = true to the first backward"
            + " (backward(true) or backward(seed, true)) to differentiate a graph more than once, or recompute"
            + " the forward pass");
      }
      int next = (Integer) frame[1];
      TapeTensor[] inputs = t.node() == null ? new TapeTensor[0] : t.node().inputs();
      if (next < inputs.length) {
        frame[1] = next + 1;
        TapeTensor in = inputs[next];
        if (in.requiresGrad() && visited.add(in)) {
          stack.push(new Object[] {in, 0});
        }
      } else {
        stack.pop();
        order.add(t);
      }
    }
    return order;
  }
}
