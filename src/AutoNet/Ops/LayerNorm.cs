using System.Numerics;
using System.Runtime.Intrinsics;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// Layer normalisation as one op, over rows of m elements (the trailing dims of <c>normalizedShape</c>):
/// μ = Σx/m, σ̂ = 1/√(Σ(x − μ)²/m + ε) (the biased variance), x̂ = (x − μ)·σ̂, y = x̂·w + b.
/// Backward, with ĝ = g·w (g alone without a weight), row by row:
/// dx = σ̂ · (ĝ − mean(ĝ) − x̂ · mean(ĝ·x̂)), and over all rows dw = Σ g·x̂, db = Σ g.
/// Everything is computed in double precision and rounded to the dtype once per output value, float32 included
/// (PyTorch's CPU kernel accumulates float32 rows in float32), so it is at least as accurate as the eleven
/// composed tensor ops F.LayerNorm used before, which wrote five full-size tensors forward and more backward.
/// Under <c>createGraph</c> the backward is recorded as tensor ops (the formula above, with μ and σ̂ recomputed
/// from x), so it can be differentiated again.
/// </summary>
internal sealed class LayerNorm : Node
{

    private readonly SavedTensor _x;
    private readonly SavedTensor? _weight;
    private readonly bool _hasBias;
    private readonly int _m;
    private readonly double _eps;
    private readonly double[] _mean, _rstd;

    private LayerNorm(Tensor x, Tensor? weight, bool hasBias, int m, double eps, double[] mean, double[] rstd)
    {
        _x = Save(x);
        _weight = weight is null ? null : Save(weight);
        (_hasBias, _m, _eps, _mean, _rstd) = (hasBias, m, eps, mean, rstd);
    }

    /// <summary>
    /// Whether the one-op path applies: a float input of rows of <paramref name="m"/> elements and a weight and bias
    /// (if any) of exactly m elements of the same dtype. F.LayerNorm composes tensor ops for anything else.
    /// </summary>
    public static bool Applies(Tensor x, int m, Tensor? weight, Tensor? bias) =>
        x.DType is DType.Float32 or DType.Float64 && m > 0 && x.Count > 0
        && (weight is null || (weight.DType == x.DType && weight.Count == m))
        && (bias is null || (bias.DType == x.DType && bias.Count == m));

    public static Tensor Forward(Tensor x, int m, Tensor? weight, Tensor? bias, double eps)
    {
        int rows = x.Count / m;
        var values = Contiguous.Values(x);
        var w = weight is null ? null : Contiguous.Values(weight);
        var b = bias is null ? null : Contiguous.Values(bias);
        var y = Elementwise.Uninitialized(x.ShapeArray, x.DType);
        double[] mean = new double[rows], rstd = new double[rows];
        EachRows(rows, m, (r0, r1) =>
        {
            if (x.DType == DType.Float32) ForwardRows(values.Span<float>(), Of<float>(w), Of<float>(b), y.Span<float>(), mean, rstd, m, eps, r0, r1);
            else ForwardRows(values.Span<double>(), Of<double>(w), Of<double>(b), y.Span<double>(), mean, rstd, m, eps, r0, r1);
        });
        bool record = GradMode.IsEnabled && (x.RequiresGrad || weight?.RequiresGrad == true || bias?.RequiresGrad == true);
        if (!record) return y;
        Tensor[] inputs = [x, .. weight is null ? Array.Empty<Tensor>() : [weight], .. bias is null ? Array.Empty<Tensor>() : [bias]];
        return new LayerNorm(x, weight, bias is not null, m, eps, mean, rstd).Attach(y, inputs);
    }

    protected internal override Tensor?[] Backward(Tensor grad)
    {
        var x = _x.Value;
        var w = _weight?.Value;
        int rows = x.Count / _m, wIndex = 1, bIndex = w is null ? 1 : 2;
        bool needX = NeedsInputGrad(0), needW = w is not null && NeedsInputGrad(wIndex), needB = _hasBias && NeedsInputGrad(bIndex);
        Tensor?[] result = new Tensor?[1 + (w is null ? 0 : 1) + (_hasBias ? 1 : 0)];
        if (GradMode.IsEnabled && (grad.RequiresGrad || x.RequiresGrad || w?.RequiresGrad == true))
            return Recorded(grad, x, w, result, needX, needW, needB, wIndex, bIndex);

        grad = Contiguous.Values(grad);
        x = Contiguous.Values(x);
        w = w is null ? null : Contiguous.Values(w);
        var dx = needX ? Elementwise.Uninitialized(x.ShapeArray, x.DType) : null;
        if (dx is not null)
            EachRows(rows, _m, (r0, r1) =>
            {
                if (x.DType == DType.Float32) InputGradRows(grad.Span<float>(), x.Span<float>(), Of<float>(w), dx.Span<float>(), r0, r1);
                else InputGradRows(grad.Span<double>(), x.Span<double>(), Of<double>(w), dx.Span<double>(), r0, r1);
            });
        result[0] = dx;
        if (needW || needB)
        {
            var dw = needW ? Elementwise.Uninitialized(w!.ShapeArray, x.DType) : null;
            var db = needB ? Elementwise.Uninitialized(Input(bIndex).ShapeArray, x.DType) : null;
            if (x.DType == DType.Float32) ParameterGrads(grad.Span<float>(), x.Span<float>(), Of<float>(dw), Of<float>(db), rows);
            else ParameterGrads(grad.Span<double>(), x.Span<double>(), Of<double>(dw), Of<double>(db), rows);
            if (needW) result[wIndex] = dw;
            if (needB) result[bIndex] = db;
        }
        return result;
    }

    /// <summary>Rows r0 .. r1: their mean and σ̂, then y = x̂·w + b, each value rounded once.</summary>
    private static void ForwardRows<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> b, Span<T> y, double[] mean, double[] rstd,
        int m, double eps, int r0, int r1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = r0; r < r1; r += 4)
        {
            var rows = new DoubleLanes.FourRows(r, r1, m);
            var sum = Vector256<double>.Zero;
            for (int j = 0; j < m; j++) sum += rows.Column(x, j);
            var mu = sum / m;
            var squares = Vector256<double>.Zero;
            for (int j = 0; j < m; j++)
            {
                var d = rows.Column(x, j) - mu;
                squares += d * d;
            }
            var s = Vector256<double>.One / Vector256.Sqrt(squares / m + Vector256.Create(eps));   // σ̂
            for (int l = 0; l < rows.Count; l++)
            {
                (mean[r + l], rstd[r + l]) = (mu[l], s[l]);
                NormaliseRow(x.Slice((r + l) * m, m), w, b, y.Slice((r + l) * m, m), mu[l], s[l]);
            }
        }
    }

    /// <summary>One row of y = (x − μ)·σ̂·w + b, eight values at a time.</summary>
    private static void NormaliseRow<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> b, Span<T> y, double mu, double s)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j = 0;
        for (; j + 8 <= x.Length; j += 8)
        {
            var (lo, hi) = DoubleLanes.Eight(x, j);
            (lo, hi) = ((lo - Vector256.Create(mu)) * s, (hi - Vector256.Create(mu)) * s);   // x̂
            if (!w.IsEmpty) { var (wl, wh) = DoubleLanes.Eight(w, j); (lo, hi) = (lo * wl, hi * wh); }
            if (!b.IsEmpty) { var (bl, bh) = DoubleLanes.Eight(b, j); (lo, hi) = (lo + bl, hi + bh); }
            DoubleLanes.Store(y, j, lo, hi);
        }
        for (; j < x.Length; j++)
        {
            double v = (double.CreateTruncating(x[j]) - mu) * s;
            if (!w.IsEmpty) v *= double.CreateTruncating(w[j]);
            if (!b.IsEmpty) v += double.CreateTruncating(b[j]);
            y[j] = T.CreateTruncating(v);
        }
    }

    /// <summary>Rows r0 .. r1 of dx = σ̂ · (ĝ − mean(ĝ) − x̂ · mean(ĝ·x̂)).</summary>
    private void InputGradRows<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> x, ReadOnlySpan<T> w, Span<T> dx, int r0, int r1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = _m;
        for (int r = r0; r < r1; r += 4)
        {
            var rows = new DoubleLanes.FourRows(r, r1, m);
            Vector256<double> mu = rows.Of(_mean), s = rows.Of(_rstd), sumG = default, sumGx = default;
            for (int j = 0; j < m; j++)
            {
                var gh = rows.Column(g, j);                                  // ĝ
                if (!w.IsEmpty) gh *= double.CreateTruncating(w[j]);
                sumG += gh;
                sumGx += gh * ((rows.Column(x, j) - mu) * s);
            }
            Vector256<double> meanG = sumG / m, meanGx = sumGx / m;
            for (int l = 0; l < rows.Count; l++)
                InputGradRow(g.Slice((r + l) * m, m), x.Slice((r + l) * m, m), w, dx.Slice((r + l) * m, m), mu[l], s[l], meanG[l], meanGx[l]);
        }
    }

    /// <summary>One row of dx, eight values at a time.</summary>
    private static void InputGradRow<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> x, ReadOnlySpan<T> w, Span<T> dx,
        double mu, double s, double meanG, double meanGx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j = 0;
        for (; j + 8 <= x.Length; j += 8)
        {
            var (gl, gh) = DoubleLanes.Eight(g, j);
            if (!w.IsEmpty) { var (wl, wh) = DoubleLanes.Eight(w, j); (gl, gh) = (gl * wl, gh * wh); }
            var (xl, xh) = DoubleLanes.Eight(x, j);
            (xl, xh) = ((xl - Vector256.Create(mu)) * s, (xh - Vector256.Create(mu)) * s);     // x̂
            DoubleLanes.Store(dx, j, (gl - Vector256.Create(meanG) - xl * meanGx) * s, (gh - Vector256.Create(meanG) - xh * meanGx) * s);
        }
        for (; j < x.Length; j++)
        {
            double gj = double.CreateTruncating(g[j]) * (w.IsEmpty ? 1 : double.CreateTruncating(w[j]));
            double xj = (double.CreateTruncating(x[j]) - mu) * s;
            dx[j] = T.CreateTruncating(s * (gj - meanG - xj * meanGx));
        }
    }

    /// <summary>dw = Σ_rows g·x̂ and db = Σ_rows g, summed over the rows in order (one thread: the bits never
    /// depend on how many cores there are), eight columns at a time.</summary>
    private void ParameterGrads<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> dw, Span<T> db, int rows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = _m;
        double[] sw = new double[m], sb = new double[m];
        for (int r = 0; r < rows; r++)
        {
            double mu = _mean[r], s = _rstd[r];
            var gs = g.Slice(r * m, m);
            var xs = x.Slice(r * m, m);
            int j = 0;
            for (; j + 8 <= m; j += 8)
            {
                var (gl, gh) = DoubleLanes.Eight(gs, j);
                var (xl, xh) = DoubleLanes.Eight(xs, j);
                DoubleLanes.AddInto(sw, j, gl * ((xl - Vector256.Create(mu)) * s), gh * ((xh - Vector256.Create(mu)) * s));
                DoubleLanes.AddInto(sb, j, gl, gh);
            }
            for (; j < m; j++)
            {
                double gj = double.CreateTruncating(gs[j]);
                sw[j] += gj * ((double.CreateTruncating(xs[j]) - mu) * s);
                sb[j] += gj;
            }
        }
        for (int j = 0; j < dw.Length; j++) dw[j] = T.CreateTruncating(sw[j]);
        for (int j = 0; j < db.Length; j++) db[j] = T.CreateTruncating(sb[j]);
    }

    /// <summary>The backward as tensor ops (createGraph): the same formulas, μ and σ̂ recomputed from x so that
    /// they are differentiated too.</summary>
    private Tensor?[] Recorded(Tensor grad, Tensor x, Tensor? w, Tensor?[] result, bool needX, bool needW, bool needB, int wIndex, int bIndex)
    {
        int rows = x.Count / _m;
        var xr = x.Reshape(rows, _m);
        var g = grad.Reshape(rows, _m);
        var centred = xr - xr.Mean(1, keepDim: true);
        var s = 1.0 / ((centred * centred).Mean(1, keepDim: true) + _eps).Sqrt();
        var xh = centred * s;
        var gh = w is null ? g : g * w.Reshape(_m);
        if (needX) result[0] = (s * (gh - gh.Mean(1, keepDim: true) - xh * (gh * xh).Mean(1, keepDim: true))).Reshape(x.ShapeArray);
        if (needW) result[wIndex] = (g * xh).Sum(0).Reshape(w!.ShapeArray);
        if (needB) result[bIndex] = g.Sum(0).Reshape(Input(bIndex).ShapeArray);
        return result;
    }

    /// <summary>The values of an optional tensor, or an empty span.</summary>
    private static Span<T> Of<T>(Tensor? t) where T : unmanaged => t is null ? default : t.Span<T>();

    /// <summary>Runs <paramref name="body"/>(first row, end row) over blocks of rows (<see cref="Workers.Rows"/>).</summary>
    private static void EachRows(int rows, int m, Action<int, int> body) => Workers.Rows(rows, m, (r0, n) => body(r0, r0 + n));
}
