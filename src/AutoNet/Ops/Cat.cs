using AutoNet.Internal;

namespace AutoNet.Ops;

/// <summary>
/// y = the inputs joined along dim: y[..., offset_i + j, ...] = x_i[..., j, ...], offset_i the sum of the earlier
/// inputs' sizes along dim. PyTorch: <c>torch.cat</c> (dtypes promoted; a 1-D tensor of size 0 is skipped, as torch's
/// legacy rule).
/// Each element of x_i appears once in y, so grad_x_i = grad narrowed to x_i's slice: grad[..., offset_i : offset_i + n_i, ...].
/// </summary>
internal sealed class Cat : Node
{
    private int _dim;
    private int[] _offsets = [], _sizes = [];
    private bool[] _skipped = [];

    public static Tensor Forward(IReadOnlyList<Tensor> tensors, int dim)
    {
        var xs = Promoted(tensors, "Cat");
        int first = Array.FindIndex(xs, t => !IsLegacyEmpty(t));
        if (first < 0) return Record(xs, dim: 0, Elementwise.Uninitialized([0], xs[0].DType));
        var reference = xs[first];
        int rank = reference.Rank;
        for (int i = 0; i < xs.Length; i++)
            if (xs[i].Rank == 0)
                throw new ArgumentException($"Cat: tensor {i} is 0-d (shape []); a zero-dimensional tensor cannot be concatenated (Reshape(1) it, or use Stack).");
        int d = ShapeUtil.NormalizeDim(dim, rank, "Cat");
        long total = 0;
        for (int i = 0; i < xs.Length; i++)
        {
            var s = xs[i].ShapeArray;
            if (IsLegacyEmpty(xs[i])) continue;
            if (s.Length != rank)
                throw new ArgumentException(
                    $"Cat: tensor {i} has shape {ShapeUtil.Format(s)} ({s.Length} dims), expected {rank} dims like tensor {first} (shape {ShapeUtil.Format(reference.ShapeArray)}).");
            for (int k = 0; k < rank; k++)
                if (k != d && s[k] != reference.ShapeArray[k])
                    throw new ArgumentException(
                        $"Cat: tensor {i} has shape {ShapeUtil.Format(s)}, expected {Pattern(reference.ShapeArray, d)} like tensor {first} (shape {ShapeUtil.Format(reference.ShapeArray)}): sizes must match except in dim {d}.");
            total += s[d];
        }
        if (total > int.MaxValue)
            throw new ArgumentException($"Cat: the joined size along dim {d} is {total}, more than a dim can hold.");
        var shape = (int[])reference.ShapeArray.Clone();
        shape[d] = (int)total;
        ShapeUtil.Count(shape, "Cat");
        var y = Elementwise.Uninitialized(shape, reference.DType);
        var start = new int[rank];
        foreach (var x in xs)
        {
            if (IsLegacyEmpty(x)) continue;
            var c = x.Contiguous();
            Copying.Box(c, c.ShapeArray, new int[rank], y, start, c.ShapeArray);
            start[d] += c.ShapeArray[d];
        }
        return Record(xs, d, y);
    }

    private static Tensor Record(Tensor[] xs, int dim, Tensor y)
    {
        if (!GradMode.IsEnabled || !Array.Exists(xs, t => t.RequiresGrad)) return y;
        var node = new Cat { _dim = dim, _offsets = new int[xs.Length], _sizes = new int[xs.Length], _skipped = new bool[xs.Length] };
        for (int i = 0, offset = 0; i < xs.Length; i++)
        {
            node._skipped[i] = IsLegacyEmpty(xs[i]);
            node._offsets[i] = offset;
            node._sizes[i] = node._skipped[i] ? 0 : xs[i].ShapeArray[dim];
            offset += node._sizes[i];
        }
        return node.Attach(y, xs);
    }

    protected internal override Tensor?[] Backward(Tensor grad)
    {
        var grads = new Tensor?[_offsets.Length];
        for (int i = 0; i < grads.Length; i++)
        {
            if (!NeedsInputGrad(i)) continue;
            grads[i] = _skipped[i] ? Tensor.Zeros([0], grad.DType) : Pad.Narrow(grad, _dim, _offsets[i], _sizes[i]);
        }
        return grads;
    }

    /// <summary>torch's legacy rule: a 1-D tensor of size 0 may join anything and is skipped.</summary>
    private static bool IsLegacyEmpty(Tensor t) => t.Rank == 1 && t.ShapeArray[0] == 0;

    /// <summary>A shape with dim <paramref name="d"/> shown as <c>*</c>: <c>[2, *]</c>.</summary>
    private static string Pattern(int[] shape, int d) =>
        "[" + string.Join(", ", shape.Select((s, k) => k == d ? "*" : s.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";

    /// <summary>
    /// Checks the list (non-null, non-empty, no null entry) and converts every tensor to the list's common dtype as
    /// torch.cat and torch.stack do (bool &lt; int64 &lt; float32 &lt; float64, as torch.result_type), with recorded casts so each input's
    /// gradient comes back in its own dtype.
    /// </summary>
    internal static Tensor[] Promoted(IReadOnlyList<Tensor> tensors, string op)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0) throw new ArgumentException($"{op}: expected a non-empty list of tensors, got an empty one.", nameof(tensors));
        var xs = new Tensor[tensors.Count];
        for (int i = 0; i < xs.Length; i++)
            xs[i] = tensors[i] ?? throw new ArgumentNullException(nameof(tensors), $"{op}: tensor {i} of the list is null.");
        DType common = xs[0].DType;
        for (int i = 1; i < xs.Length; i++) common = Broadcasting.Promote(common, xs[i].DType);
        for (int i = 0; i < xs.Length; i++)
            if (xs[i].DType != common) xs[i] = Cast.Forward(xs[i], common);
        return xs;
    }
}
