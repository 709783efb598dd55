#!/usr/bin/python3
"""Writes the TorchScript module through which backend-djl reaches libtorch ops that DJL's JNI does not bind.

DJL's PyTorch JNI binds forward convolution only (no conv_transpose2d, no convolution_backward) and an Adam
update of eleven passes over memory with five temporaries; it does bind TorchScript (loading a module from a
stream and running its methods), and a TorchScript method may call any libtorch operator. Run from the repository root
with Debian's torch (python3-torch, torch 1.13):

    /usr/bin/python3 backend-djl/src/main/python/torchscript_ops.py

It rewrites backend-djl/src/main/resources/org/vae4j/backend/djl/libtorch-ops.pt (a zip of TorchScript source
and pickles, a few KiB), read by TorchScriptOps. The file is the same for every run; libtorch compiles its
source again when it loads it, against its own operator schemas (libtorch 2.x reads files of torch 1.13).
Methods (every list is [height, width], shapes are NCHW / OIHW; nothing here keeps state):

  conv2d_backward_input(grad_output, weight, input_size, stride, padding, dilation)
      the gradient of conv2d with respect to its input: conv_transpose2d with the output padding that gives
      input_size back; for one input channel (a transposed convolution down to one channel, where oneDNN's
      kernel is slow: 7.3 ms against 2.4 ms for (128, 32, 14, 14) to (128, 1, 28, 28) here) one batched
      matrix product by the weight, then fold (col2im)
  conv2d_backward_weight(input, grad_output, weight_size, stride, padding, dilation)
      the gradient with respect to the weight: aten::convolution_backward with only that output asked for
      (its weight argument is read for its shape alone, so an uninitialized one is passed)
  adam_all(params, grads, exp_avgs, exp_avg_sqs, lr, beta1, beta2, eps, step)
      adam over lists of parameters (each its own shape and dtype) in one call: one aten::_fused_adam_ over
      all when every parameter and moment is contiguous, else adam for each; returns params (updated in place)
  compare(a, b, op)
      a comparison as 1 and 0 of a's dtype (op: 0 eq, 1 ne, 2 lt, 3 le, 4 gt, 5 ge), a and b broadcast: the
      out= form, whose kernel writes a's dtype in vector registers; the plain form makes a bool tensor one
      element at a time and a cast copies it, 7-8x slower (275 against 36 us for (128, 32, 7, 7) here)
  log_softmax_backward(grad, output)
      the gradient of log_softmax along the last axis from its output: aten::_log_softmax_backward_data, one
      pass (grad - exp(output) * sum(grad)), which DJL's JNI does not bind
  scatter_add(size, axis, index, src)
      zeros of size (src's dtype and device) with src added at index along axis (duplicates accumulate);
      index is int32 or int64, its bounds checked by the caller
  adam(param, grad, exp_avg, exp_avg_sq, lr, beta1, beta2, eps, step)
      torch.optim.Adam's step as one pass over memory, aten::_fused_adam_ (param, exp_avg, exp_avg_sq
      overwritten; grad only read; bias corrections from step, as torch.optim.Adam's). Strided
      (non-contiguous) tensors take in-place formulas instead (five passes, one temporary; the second
      moment's bias correction moved from the denominator to the step size, which changes rounding only)
"""
import io
import os
import zipfile
from typing import List

import torch


class LibtorchOps(torch.nn.Module):
    @torch.jit.export
    def conv2d_backward_input(self, grad_output: torch.Tensor, weight: torch.Tensor, input_size: List[int],
                              stride: List[int], padding: List[int], dilation: List[int]) -> torch.Tensor:
        output_padding: List[int] = []
        for d in range(2):
            reached = ((grad_output.size(d + 2) - 1) * stride[d] - 2 * padding[d]
                       + dilation[d] * (weight.size(d + 2) - 1) + 1)
            output_padding.append(input_size[d + 2] - reached)
        if input_size[1] == 1:
            n = grad_output.size(0)
            o = grad_output.size(1)
            columns = torch.matmul(weight.reshape(o, -1).t(), grad_output.reshape(n, o, -1))
            return torch.nn.functional.fold(columns, [input_size[2], input_size[3]],
                                            [weight.size(2), weight.size(3)], dilation, padding, stride)
        return torch.conv_transpose2d(grad_output, weight, None, stride, padding, output_padding, 1, dilation)

    @torch.jit.export
    def conv2d_backward_weight(self, input: torch.Tensor, grad_output: torch.Tensor, weight_size: List[int],
                               stride: List[int], padding: List[int], dilation: List[int]) -> torch.Tensor:
        shape_only = grad_output.new_empty(weight_size)
        grads = torch.ops.aten.convolution_backward(grad_output, input, shape_only, None, stride, padding,
                                                    dilation, False, [0, 0], 1, [False, True, False])
        return grads[1]

    @torch.jit.export
    def adam(self, param: torch.Tensor, grad: torch.Tensor, exp_avg: torch.Tensor, exp_avg_sq: torch.Tensor,
             lr: float, beta1: float, beta2: float, eps: float, step: int) -> torch.Tensor:
        g = grad.contiguous()
        if param.is_contiguous() and exp_avg.is_contiguous() and exp_avg_sq.is_contiguous():
            # the lists are read after the call: TorchScript's dead-code pass drops a mutation of a list that
            # is never read again, and with it the whole update
            params = [param]
            steps = [torch.full([1], float(step), dtype=torch.float32, device=param.device)]
            torch._fused_adam_(params, [g], [exp_avg], [exp_avg_sq], [], steps, lr=lr, beta1=beta1,
                               beta2=beta2, weight_decay=0.0, eps=eps, amsgrad=False, maximize=False)
            return params[0]
        exp_avg.lerp_(g, 1 - beta1)
        exp_avg_sq.mul_(beta2).addcmul_(g, g, value=1 - beta2)
        bias_correction2_sqrt = (1 - beta2 ** step) ** 0.5
        denominator = exp_avg_sq.sqrt().add_(eps * bias_correction2_sqrt)
        param.addcdiv_(exp_avg, denominator, value=-lr / (1 - beta1 ** step) * bias_correction2_sqrt)
        return param

    @torch.jit.export
    def adam_all(self, params: List[torch.Tensor], grads: List[torch.Tensor], exp_avgs: List[torch.Tensor],
                 exp_avg_sqs: List[torch.Tensor], lr: float, beta1: float, beta2: float, eps: float,
                 step: int) -> List[torch.Tensor]:
        contiguous = True
        for i in range(len(params)):
            contiguous = contiguous and params[i].is_contiguous() and exp_avgs[i].is_contiguous() \
                and exp_avg_sqs[i].is_contiguous()
        if not contiguous:
            return [self.adam(params[i], grads[i], exp_avgs[i], exp_avg_sqs[i], lr, beta1, beta2, eps, step)
                    for i in range(len(params))]
        gs = [g.contiguous() for g in grads]
        steps = [torch.full([1], float(step), dtype=torch.float32, device=p.device) for p in params]
        torch._fused_adam_(params, gs, exp_avgs, exp_avg_sqs, [], steps, lr=lr, beta1=beta1, beta2=beta2,
                           weight_decay=0.0, eps=eps, amsgrad=False, maximize=False)
        return params

    @torch.jit.export
    def compare(self, a: torch.Tensor, b: torch.Tensor, op: int) -> torch.Tensor:
        out = torch.empty([0], dtype=a.dtype, device=a.device)
        if op == 0:
            torch.eq(a, b, out=out)
        elif op == 1:
            torch.ne(a, b, out=out)
        elif op == 2:
            torch.lt(a, b, out=out)
        elif op == 3:
            torch.le(a, b, out=out)
        elif op == 4:
            torch.gt(a, b, out=out)
        else:
            torch.ge(a, b, out=out)
        return out

    @torch.jit.export
    def log_softmax_backward(self, grad: torch.Tensor, output: torch.Tensor) -> torch.Tensor:
        return torch._log_softmax_backward_data(grad, output, -1, output.dtype)

    @torch.jit.export
    def scatter_add(self, size: List[int], axis: int, index: torch.Tensor, src: torch.Tensor) -> torch.Tensor:
        return src.new_zeros(size).scatter_add_(axis, index.long(), src)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "..", "resources", "org", "vae4j", "backend", "djl", "libtorch-ops.pt")
    saved = io.BytesIO()
    torch.jit.save(torch.jit.script(LibtorchOps()), saved)
    saved.seek(0)
    # the debug records hold this script's absolute path (for error messages only): left out
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(os.path.normpath(out), "w", zipfile.ZIP_STORED) as target:
        for entry in source.infolist():
            if not entry.filename.endswith(".debug_pkl"):
                target.writestr(entry, source.read(entry.filename))
    print("wrote", os.path.normpath(out))
