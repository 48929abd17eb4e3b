using AutoNet.Internal;

namespace AutoNet.Ops;

/// <summary>
/// y = x with another shape of the same element count, in row-major order. PyTorch: <c>view</c> and
/// <c>reshape</c>: a view sharing x's storage when strides can express it (always for a contiguous x), else
/// (reshape only) a view of a contiguous copy.
/// The Jacobian is a permutation-free identity, so grad_x = grad reshaped to x's shape.
/// </summary>
internal sealed class Reshape : Node
{
    private int[] _inputShape = [];
    private string _name = "Reshape";

    /// <summary>Reshape (<paramref name="viewOnly"/> false: copies when no view can do) or View (true: throws then).</summary>
    public static Tensor Forward(Tensor x, int[] shape, bool viewOnly = false)
    {
        ArgumentNullException.ThrowIfNull(shape);
        string op = viewOnly ? "View" : "Reshape";
        var resolved = Resolve(x.ShapeArray, x.Count, shape, op);
        Tensor y;
        if (x.Layout is null) y = new Tensor(x.Storage, resolved, x.DType);
        else if (ViewLayout.ViewStrides(x.ShapeArray, x.Layout.Strides, resolved) is { } strides)
            y = new Tensor(x.Storage, resolved, strides, x.StorageOffset, x.DType);
        else if (viewOnly)
            throw new InvalidOperationException(
                $"View: shape {ShapeUtil.Format(shape)} is not compatible with the input's shape {ShapeUtil.Format(x.ShapeArray)} and strides " +
                $"{ShapeUtil.Format(x.Layout.Strides)} (at least one dimension spans across two contiguous subspaces). Use Reshape(...) instead, which copies.");
        else return Forward(x.Contiguous(), resolved);
        return ShouldRecord(x) ? new Reshape { _inputShape = x.ShapeArray, _name = op }.Attach(y, [x]) : y;
    }

    public override string Name => _name;

    protected internal override Tensor?[] Backward(Tensor grad) => [grad.Reshape(_inputShape)];

    /// <summary>Replaces a single -1 by the size that keeps the element count, and checks the count (without
    /// overflow: a product beyond what a tensor holds is reported as such, never wrapped around).</summary>
    private static int[] Resolve(int[] from, int count, int[] shape, string op)
    {
        var result = (int[])shape.Clone();
        int inferred = -1;
        for (int i = 0; i < result.Length; i++)
        {
            if (result[i] == -1)
            {
                if (inferred >= 0)
                    throw new ArgumentException($"{op}: only one dimension can be -1, got {ShapeUtil.Format(shape)}.");
                inferred = i;
            }
            else if (result[i] < 0)
                throw new ArgumentException($"{op}: invalid size {result[i]} in shape {ShapeUtil.Format(shape)}; sizes must be >= 0 or a single -1.");
        }
        if (inferred >= 0)
        {
            result[inferred] = 1;
            long known = ShapeUtil.CountUpTo(result);
            if (known == 0 || count % known != 0)
                throw new ArgumentException(
                    $"{op}: shape {ShapeUtil.Format(shape)} is invalid for a tensor of shape {ShapeUtil.Format(from)} ({count} elements).");
            result[inferred] = (int)(count / known);
        }
        else
        {
            long known = ShapeUtil.CountUpTo(result);
            if (known != count)
                throw new ArgumentException(
                    $"{op}: shape {ShapeUtil.Format(shape)} ({ShapeUtil.FormatCount(known)} elements) is invalid for a tensor of shape {ShapeUtil.Format(from)} ({count} elements).");
        }
        return result;
    }
}
