using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

/// <summary>
/// F.LayerNorm runs as one op (Ops/LayerNorm.cs) for a float input with a weight and bias of the normalised shape.
/// It computes the function the composed tensor ops compute (kept here as the reference), in double precision,
/// so float64 agrees with them to rounding and float32 is the float64 result rounded once.
/// </summary>
public class LayerNormOpTests
{
    /// <summary>The eleven tensor ops F.LayerNorm composed before the one op.</summary>
    private static Tensor Composed(Tensor x, int[] normalizedShape, Tensor? w, Tensor? b, double eps = 1e-5)
    {
        int m = normalizedShape.Aggregate(1, (p, d) => p * d);
        var rows = x.Reshape(x.Count / m, m);
        var centred = rows - rows.Mean(1, keepDim: true);
        var variance = (centred * centred).Mean(1, keepDim: true);
        var y = (centred * (1.0 / (variance + eps).Sqrt())).Reshape(x.ShapeArray);
        if (w is not null) y *= w;
        if (b is not null) y += b;
        return y;
    }

    public static TheoryData<string, string, bool, bool> Cases => new()
    {
        { "7x5", "5", true, true },
        { "2x3x4", "3x4", true, true },
        { "6x8", "8", false, false },
        { "6x8", "8", true, false },
        { "6x8", "8", false, true },
        { "1x1", "1", true, true },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Float64_agrees_with_the_composed_ops_forward_and_backward(string shape, string normalized, bool weight, bool bias)
    {
        int[] ns = Shape(normalized);
        var x = Normal(1, shape, 2.0);
        var w = weight ? Normal(2, normalized) : null;
        var b = bias ? Normal(3, normalized) : null;
        var g = Normal(4, Shape(shape), requiresGrad: false);
        Tensor[] inputs = [x, .. w is null ? [] : new[] { w }, .. b is null ? [] : new[] { b }];

        var y = F.LayerNorm(x, ns, w, b);
        var grads = Autograd.Grad([y], inputs, [g]);
        var yRef = Composed(x, ns, w, b);
        var gradsRef = Autograd.Grad([yRef], inputs, [g]);

        AssertClose(yRef, y, 1e-14, "y");
        for (int i = 0; i < inputs.Length; i++) AssertClose(gradsRef[i]!, grads[i]!, 1e-13, $"gradient {i}");
    }

    [Fact]
    public void Float32_is_the_float64_result_rounded_once()
    {
        var x64 = Normal(5, Shape("40x16"), 3.0, requiresGrad: false);
        var w64 = Normal(6, Shape("16"), 1.0, requiresGrad: false);
        var b64 = Normal(7, Shape("16"), 1.0, requiresGrad: false);
        var g64 = Normal(8, Shape("40x16"), 1.0, requiresGrad: false);
        // float32 inputs, and the same values in float64: the one op computes both in double.
        Tensor x32 = x64.To(DType.Float32), w32 = w64.To(DType.Float32), b32 = b64.To(DType.Float32), g32 = g64.To(DType.Float32);
        foreach (var t in new[] { x32, w32, b32 }) t.RequiresGrad = true;
        Tensor xw = x32.To(DType.Float64).Detach(), ww = w32.To(DType.Float64).Detach(), bw = b32.To(DType.Float64).Detach();
        foreach (var t in new[] { xw, ww, bw }) t.RequiresGrad = true;

        var y32 = F.LayerNorm(x32, [16], w32, b32);
        var y64 = F.LayerNorm(xw, [16], ww, bw);
        var grads32 = Autograd.Grad([y32], [x32, w32, b32], [g32]);
        var grads64 = Autograd.Grad([y64], [xw, ww, bw], [g32.To(DType.Float64)]);
        Assert.Equal(DType.Float32, y32.DType);
        AssertWithinUlp(y64, y32, "y");
        for (int i = 0; i < 3; i++) AssertWithinUlp(grads64[i]!, grads32[i]!, $"gradient {i}");
    }

    /// <summary>
    /// The op's loops work on vectors (four rows per lane group for the row sums, eight values at a time for the rest),
    /// but each value's arithmetic is the row-at-a-time formula's: these are its bits, for row lengths around the
    /// vector widths and row counts around the group of four.
    /// </summary>
    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Every_value_has_the_bits_of_the_row_at_a_time_formula(DType dtype)
    {
        foreach (int m in new[] { 1, 3, 7, 8, 9, 16, 17, 64 })
            foreach (int rows in new[] { 1, 2, 3, 4, 5, 9 })
                foreach (bool affine in new[] { true, false })
                {
                    var x = Normal(30 + m, Shape($"{rows}x{m}"), 2.0, requiresGrad: false).To(dtype);
                    var w = Normal(31 + m, Shape($"{m}"), 1.0, requiresGrad: false).To(dtype);
                    var b = Normal(32 + m, Shape($"{m}"), 1.0, requiresGrad: false).To(dtype);
                    var g = Normal(33 + m, Shape($"{rows}x{m}"), 1.0, requiresGrad: false).To(dtype);
                    foreach (var t in new[] { x, w, b }) t.RequiresGrad = true;
                    var y = F.LayerNorm(x, [m], affine ? w : null, affine ? b : null);
                    var grads = Autograd.Grad([y], affine ? [x, w, b] : [x], [g]);
                    var (yRef, dxRef, dwRef, dbRef) = RowAtATime(x.ToArray(), g.ToArray(), affine ? w.ToArray() : null, affine ? b.ToArray() : null, m, dtype);
                    string what = $"{dtype} {rows}x{m} affine {affine}";
                    Assert.True(yRef.SequenceEqual(y.ToArray()), $"{what}: y");
                    Assert.True(dxRef.SequenceEqual(grads[0]!.ToArray()), $"{what}: dx");
                    if (!affine) continue;
                    Assert.True(dwRef.SequenceEqual(grads[1]!.ToArray()), $"{what}: dw");
                    Assert.True(dbRef.SequenceEqual(grads[2]!.ToArray()), $"{what}: db");
                }
    }

    /// <summary>The op's formulas one row and one value at a time, in double, each result rounded once to the dtype.</summary>
    private static (double[] Y, double[] Dx, double[] Dw, double[] Db) RowAtATime(double[] x, double[] g, double[]? w, double[]? b, int m, DType dtype)
    {
        Func<double, double> round = dtype == DType.Float32 ? v => (float)v : v => v;
        int rows = x.Length / m;
        double[] y = new double[x.Length], dx = new double[x.Length], sw = new double[m], sb = new double[m];
        for (int r = 0; r < rows; r++)
        {
            int o = r * m;
            double sum = 0, squares = 0, sumG = 0, sumGx = 0;
            for (int j = 0; j < m; j++) sum += x[o + j];
            double mu = sum / m;
            for (int j = 0; j < m; j++) squares += (x[o + j] - mu) * (x[o + j] - mu);
            double s = 1 / Math.Sqrt(squares / m + 1e-5);
            for (int j = 0; j < m; j++)
            {
                double v = (x[o + j] - mu) * s;
                if (w is not null) v = v * w[j] + b![j];
                y[o + j] = round(v);
                double gh = g[o + j] * (w is null ? 1 : w[j]);
                sumG += gh;
                sumGx += gh * ((x[o + j] - mu) * s);
                sw[j] += g[o + j] * ((x[o + j] - mu) * s);
                sb[j] += g[o + j];
            }
            for (int j = 0; j < m; j++)
            {
                double gh = g[o + j] * (w is null ? 1 : w[j]);
                dx[o + j] = round(s * (gh - sumG / m - (x[o + j] - mu) * s * (sumGx / m)));
            }
        }
        return (y, dx, sw.Select(round).ToArray(), sb.Select(round).ToArray());
    }

    [Fact]
    public void Rows_shared_among_the_cores_give_the_bits_of_rows_computed_alone()
    {
        // 400 × 64 = 25,600 elements: past the op's 16,384, so the rows are shared with the helper thread.
        var x = Normal(9, "400x64", 1.5);
        var w = Normal(10, "64");
        var b = Normal(11, "64");
        var g = Normal(12, Shape("400x64"), 1.0, requiresGrad: false);
        var y = F.LayerNorm(x, [64], w, b);
        var gx = Autograd.Grad([y], [x], [g])[0]!.ToArray();
        double[] all = y.ToArray();
        for (int r = 0; r < 400; r += 37)
        {
            var row = x.Detach().Narrow(0, r, 1).Contiguous();
            row.RequiresGrad = true;
            var yr = F.LayerNorm(row, [64], w, b);
            Assert.Equal(all.AsSpan(r * 64, 64).ToArray(), yr.ToArray());
            var gr = Autograd.Grad([yr], [row], [g.Narrow(0, r, 1).Contiguous()])[0]!.ToArray();
            Assert.Equal(gx.AsSpan(r * 64, 64).ToArray(), gr);
        }
    }

    [Fact]
    public void The_recorded_backward_gives_the_gradients_of_the_one_pass_backward()
    {
        // Under createGraph the backward is tensor ops (so it can be differentiated again); same gradients.
        var x = Normal(18, "5x6", 2.0);
        var w = Normal(19, "6");
        var b = Normal(20, "6");
        var g = Normal(21, Shape("5x6"), 1.0, requiresGrad: false);
        var plain = Autograd.Grad([F.LayerNorm(x, [6], w, b)], [x, w, b], [g]);
        var recorded = Autograd.Grad([F.LayerNorm(x, [6], w, b)], [x, w, b], [g], createGraph: true);
        Assert.True(recorded[0]!.RequiresGrad, "the recorded gradient can be differentiated");
        for (int i = 0; i < 3; i++) AssertClose(plain[i]!, recorded[i]!, 1e-14, $"gradient {i}");
    }

    [Fact]
    public void Second_order_gradients_pass_the_check() =>
        GradAssert.SecondOrderPasses(t => F.LayerNorm(t[0], [4], t[1], t[2]), Normal(13, "3x4"), Normal(14, "4"), Normal(15, "4"));

    [Fact]
    public void A_strided_input_gives_what_its_copy_gives()
    {
        var a = Normal(16, "8x6");
        var view = a.Transpose(0, 1);                                   // [6, 8], not contiguous
        var y = F.LayerNorm(view, [8]);
        Assert.Equal(F.LayerNorm(view.Contiguous(), [8]).ToArray(), y.ToArray());
        var g = Autograd.Grad([y], [a], [Normal(17, Shape("6x8"), 1.0, requiresGrad: false)])[0]!;
        Assert.Equal([8, 6], g.Shape);
    }

    private static void AssertClose(Tensor expected, Tensor actual, double tolerance, string what)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        double[] e = expected.ToArray(), a = actual.ToArray();
        double scale = e.Max(Math.Abs) + 1;
        for (int i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(e[i] - a[i]) <= tolerance * scale, $"{what}[{i}]: {a[i]:R}, the composed ops give {e[i]:R}");
    }

    private static void AssertWithinUlp(Tensor float64, Tensor float32, string what)
    {
        double[] e = float64.ToArray();
        float[] a = float32.ToFloatArray();
        for (int i = 0; i < e.Length; i++)
        {
            float rounded = (float)e[i];
            float ulp = MathF.BitIncrement(MathF.Abs(rounded)) - MathF.Abs(rounded);
            Assert.True(Math.Abs(a[i] - e[i]) <= ulp, $"{what}[{i}]: float32 {a[i]:R}, float64 {e[i]:R}");
        }
    }
}
