using AutoNet.Internal;

namespace AutoNet.Ops;

/// <summary>
/// y = max (or min) of x over several dims (all of them for <c>Max()</c>/<c>Min()</c>), with PyTorch 1.13's gradient
/// at ties: split evenly among the elements equal to the maximum. ∂y/∂x_i = 1/k for each of the k elements equal
/// to y in x_i's slice and 0 for the others, so grad_x = expand(grad) * w with w = (x == y) / count; w is a constant
/// (the maximum does not move under a small change unless ties break), so the backward is linear in grad and
/// second order works.
/// </summary>
internal sealed class Amax : Node
{
    private readonly SavedTensor _weights;
    private readonly int[] _keptShape;
    private readonly bool _min;

    private Amax(Tensor weights, int[] keptShape, bool min)
    {
        _weights = Save(weights);
        _keptShape = keptShape;
        _min = min;
    }

    public override string Name => _min ? "Amin" : "Amax";

    /// <param name="x">The input.</param>
    /// <param name="dims">The dims to reduce (negative counts from the end; empty means every dim, as PyTorch), or null
    /// for <c>Max()</c>/<c>Min()</c> over every element.</param>
    /// <param name="keepDim">Keep each reduced dim as size 1.</param>
    /// <param name="min">The minimum instead of the maximum.</param>
    /// <param name="op">The public name, for errors.</param>
    public static Tensor Forward(Tensor x, int[]? dims, bool keepDim, bool min, string op)
    {
        ArgumentNullException.ThrowIfNull(x);
        bool[] reduce = new bool[x.Rank];
        if (dims is null && x.Count == 0)
            throw new ArgumentException($"{op}: cannot take the {(min ? "minimum" : "maximum")} of an empty tensor (shape {ShapeUtil.Format(x.ShapeArray)}).");
        if (dims is null || dims.Length == 0) Array.Fill(reduce, true); // as PyTorch, an empty dims list reduces every dim
        else
            foreach (int dim in dims)
            {
                int d = ShapeUtil.NormalizeDim(dim, x.Rank, op);
                if (x.Rank == 0) continue;
                if (reduce[d]) throw new ArgumentException($"{op}: dim {d} appears more than once in dims [{string.Join(", ", dims)}].");
                reduce[d] = true;
            }
        for (int d = 0; d < x.Rank; d++)
            if (reduce[d] && x.ShapeArray[d] == 0)
                throw new ArgumentException($"{op}: cannot reduce dim {d} of size 0 (shape {ShapeUtil.Format(x.ShapeArray)}): the {(min ? "minimum" : "maximum")} of nothing is undefined.");

        int[] kept = x.ShapeArray.Select((s, d) => reduce[d] ? 1 : s).ToArray();
        int[] outShape = keepDim ? kept : x.ShapeArray.Where((_, d) => !reduce[d]).ToArray();
        var y = x;
        for (int d = x.Rank - 1; d >= 0; d--)
            if (reduce[d]) y = Reductions.MaxDim(y, d, keepDim: true, min).Values;
        if (ReferenceEquals(y, x)) y = Elementwise.BroadcastTo(x, x.ShapeArray); // nothing reduced: a copy, as PyTorch
        y = y.Detach().Reshape(outShape);
        if (!ShouldRecord(x)) return y;

        Tensor weights;
        using (GradMode.Set(false))
        {
            var yk = y.Reshape(kept);
            var ties = Compare.Forward(x, yk, Comparison.Eq).To(x.DType);
            // Max()/Min(): a NaN maximum sends the gradient to the NaN elements (PyTorch's evenly_distribute_backward);
            // amax/amin compare with == only, so there a NaN slice gets no gradient.
            if (dims is null)
                ties += Compare.Forward(x, x, Comparison.Ne).To(x.DType) * Compare.Forward(yk, yk, Comparison.Ne).To(x.DType);
            var count = ties;
            for (int d = 0; d < x.Rank; d++)
                if (reduce[d]) count = count.Sum(d, keepDim: true);
            weights = ties / count.Clamp(1, double.PositiveInfinity); // a NaN maximum has no equal element: weight 0
        }
        return new Amax(weights, kept, min).Attach(y, [x]);
    }

    protected internal override Tensor?[] Backward(Tensor grad) =>
        [Expand.Forward(grad.Reshape(_keptShape), _weights.Value.ShapeArray) * _weights.Value];
}
