package org.vae4j.core.contract;

import org.vae4j.api.spi.Conv2dSpec;

/** Direct-loop 2-D convolution and its two adjoints, the references for the conv2d contract. */
final class NaiveConv {
  final int n;
  final int c;
  final int h;
  final int w;
  final int o;
  final int kh;
  final int kw;
  final int oh;
  final int ow;
  final Conv2dSpec spec;

  NaiveConv(int n, int c, int h, int w, int o, int kh, int kw, Conv2dSpec spec) {
    this.n = n;
    this.c = c;
    this.h = h;
    this.w = w;
    this.o = o;
    this.kh = kh;
    this.kw = kw;
    this.spec = spec;
    this.oh = spec.outH(h, kh);
    this.ow = spec.outW(w, kw);
  }

  /** Visits every (output element, weight element, input element) triple that the convolution multiplies. */
  private interface Visitor {
    void visit(int outPos, int weightPos, int inPos);
  }

  private void forEachTerm(Visitor v) {
    for (int b = 0; b < n; b++) {
      for (int oc = 0; oc < o; oc++) {
        for (int y = 0; y < oh; y++) {
          for (int x = 0; x < ow; x++) {
            int outPos = ((b * o + oc) * oh + y) * ow + x;
            for (int ic = 0; ic < c; ic++) {
              for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                  int iy = y * spec.strideH() - spec.padH() + i * spec.dilationH();
                  int ix = x * spec.strideW() - spec.padW() + j * spec.dilationW();
                  if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                    v.visit(outPos, ((oc * c + ic) * kh + i) * kw + j, ((b * c + ic) * h + iy) * w + ix);
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  double[] forward(double[] input, double[] weight) {
    double[] out = new double[n * o * oh * ow];
    forEachTerm((op, wp, ip) -> out[op] += weight[wp] * input[ip]);
    return out;
  }

  double[] backwardInput(double[] gradOut, double[] weight) {
    double[] gx = new double[n * c * h * w];
    forEachTerm((op, wp, ip) -> gx[ip] += weight[wp] * gradOut[op]);
    return gx;
  }

  double[] backwardWeight(double[] input, double[] gradOut) {
    double[] gw = new double[o * c * kh * kw];
    forEachTerm((op, wp, ip) -> gw[wp] += input[ip] * gradOut[op]);
    return gw;
  }
}
