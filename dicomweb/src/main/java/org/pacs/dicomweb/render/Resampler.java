// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

/**
 * Crops a source region and scales it to the viewport size (PS3.18 §8.3.5.1.3), one axis at a time:
 * area averaging when shrinking (each output pixel is the mean of the source area it covers, so no
 * aliasing), bilinear when enlarging. Equal sizes copy pixels unchanged.
 */
final class Resampler {
    private Resampler() {
    }

    /**
     * @param x0 first source column of the region, {@code w0} its width; {@code flipX} mirrors it
     * @param y0 first source row of the region, {@code h0} its height; {@code flipY} mirrors it
     */
    static PixelPlanes resample(PixelPlanes src, int x0, int y0, int w0, int h0, boolean flipX, boolean flipY,
            int outW, int outH) {
        Taps cols = Taps.of(x0, w0, outW, flipX);
        Taps rows = Taps.of(y0, h0, outH, flipY);
        byte[][] out = new byte[src.planes().length][];
        for (int p = 0; p < out.length; p++) {
            out[p] = plane(src.planes()[p], src.width(), cols, rows, outW, outH, y0, h0);
        }
        return new PixelPlanes(outW, outH, out);
    }

    private static byte[] plane(byte[] in, int stride, Taps cols, Taps rows, int outW, int outH, int y0, int h0) {
        // Horizontal pass over the region's rows only, then vertical.
        float[] mid = new float[h0 * outW];
        for (int y = 0; y < h0; y++) {
            int base = (y0 + y) * stride;
            for (int x = 0; x < outW; x++) {
                float s = 0;
                int[] idx = cols.index[x];
                float[] wt = cols.weight[x];
                for (int k = 0; k < idx.length; k++) {
                    s += (in[base + idx[k]] & 0xFF) * wt[k];
                }
                mid[y * outW + x] = s;
            }
        }
        byte[] out = new byte[outW * outH];
        for (int y = 0; y < outH; y++) {
            int[] idx = rows.index[y];
            float[] wt = rows.weight[y];
            for (int x = 0; x < outW; x++) {
                float s = 0;
                for (int k = 0; k < idx.length; k++) {
                    s += mid[(idx[k] - y0) * outW + x] * wt[k];
                }
                int v = Math.round(s);
                out[y * outW + x] = (byte) (v < 0 ? 0 : v > 255 ? 255 : v);
            }
        }
        return out;
    }

    /** For each output position along one axis: the source indices it reads and their weights. */
    private record Taps(int[][] index, float[][] weight) {
        static Taps of(int start, int length, int out, boolean flip) {
            int[][] index = new int[out][];
            float[][] weight = new float[out][];
            double scale = (double) length / out;
            for (int i = 0; i < out; i++) {
                if (scale >= 1) {
                    double a = i * scale;
                    double b = Math.min(length, (i + 1) * scale);
                    int first = (int) Math.floor(a);
                    int last = Math.min(length - 1, (int) Math.ceil(b) - 1);
                    index[i] = new int[last - first + 1];
                    weight[i] = new float[last - first + 1];
                    for (int j = first; j <= last; j++) {
                        double cover = Math.min(b, j + 1) - Math.max(a, j);
                        index[i][j - first] = source(start, length, j, flip);
                        weight[i][j - first] = (float) (cover / (b - a));
                    }
                } else {
                    double c = (i + 0.5) * scale - 0.5;
                    int j = (int) Math.floor(c);
                    double t = c - j;
                    int j0 = Math.max(0, Math.min(length - 1, j));
                    int j1 = Math.max(0, Math.min(length - 1, j + 1));
                    index[i] = new int[] {source(start, length, j0, flip), source(start, length, j1, flip)};
                    weight[i] = new float[] {(float) (1 - t), (float) t};
                }
            }
            return new Taps(index, weight);
        }

        private static int source(int start, int length, int j, boolean flip) {
            return start + (flip ? length - 1 - j : j);
        }
    }
}
