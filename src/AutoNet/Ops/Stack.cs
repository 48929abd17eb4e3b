using AutoNet.Internal;

namespace AutoNet.Ops;

/// <summary>
/// y = the inputs, all of one shape, stacked along a new dim: y[..., i, ...] = x_i. PyTorch: <c>torch.stack</c>
/// (dtypes promoted as torch.cat).
/// Each x_i is the slice i of y along dim, so grad_x_i = grad.select(dim, i) (a narrow to length 1, then the dim removed).
/// </summary>
internal sealed class Stack : Node
{
    private int _dim;
    private int[] _inputShape = [];

    public static Tensor Forward(IReadOnlyList<Tensor> tensors, int dim)
    {
        var xs = Cat.Promoted(tensors, "Stack");
        var inputShape = xs[0].ShapeArray;
        for (int i = 1; i < xs.Length; i++)
            if (!xs[i].ShapeArray.AsSpan().SequenceEqual(inputShape))
                throw new ArgumentException(
                    $"Stack: tensor {i} has shape {ShapeUtil.Format(xs[i].ShapeArray)}, expected {ShapeUtil.Format(inputShape)} like tensor 0 (every tensor must have the same shape).");
        int d = ShapeUtil.NormalizeDim(dim, inputShape.Length + 1, "Stack");
        var slice = inputShape.ToList();
        slice.Insert(d, 1);
        var sliceShape = slice.ToArray();
        var shape = (int[])sliceShape.Clone();
        shape[d] = xs.Length;
        ShapeUtil.Count(shape, "Stack");
        var y = Elementwise.Uninitialized(shape, xs[0].DType);
        var start = new int[shape.Length];
        for (int i = 0; i < xs.Length; i++)
        {
            start[d] = i;
            Copying.Box(xs[i].Contiguous(), sliceShape, new int[shape.Length], y, start, sliceShape);
        }
        if (!GradMode.IsEnabled || !Array.Exists(xs, t => t.RequiresGrad)) return y;
        return new Stack { _dim = d, _inputShape = inputShape }.Attach(y, xs);
    }

    protected internal override Tensor?[] Backward(Tensor grad)
    {
        var grads = new Tensor?[grad.ShapeArray[_dim]];
        for (int i = 0; i < grads.Length; i++)
            if (NeedsInputGrad(i)) grads[i] = Pad.Narrow(grad, _dim, i, 1).Reshape(_inputShape);
        return grads;
    }
}
