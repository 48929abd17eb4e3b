using AutoNet.Data;

namespace AutoNet.TorchSharp;

/// <summary>Fresh AutoNet tensors for the parity checks: independent leaf copies and seeded random gradients.</summary>
internal static class TensorCopies
{
    /// <summary>A new leaf with <paramref name="source"/>'s shape, dtype and values, sharing no memory with it.</summary>
    public static Tensor Leaf(Tensor source, bool requiresGrad)
    {
        int[] shape = source.Shape.ToArray();
        var copy = source.DType switch
        {
            DType.Float32 => Tensor.From(source.ToFloatArray(), shape),
            DType.Int64 => Tensor.From(source.ToInt64Array(), shape),
            DType.Bool => Tensor.From(source.ToBoolArray(), shape),
            _ => Tensor.From(source.ToArray(), shape),
        };
        if (shape.Length == 0) copy = copy.Reshape(); // From makes a 1-D tensor when no shape is given
        copy.RequiresGrad = requiresGrad;
        return copy;
    }

    /// <summary>A new leaf holding <paramref name="values"/> (row-major) with the given shape (0-d for an empty shape) and dtype.</summary>
    public static Tensor FromValues(double[] values, int[] shape, DType dtype)
    {
        var t = Tensor.From(values, shape);
        if (shape.Length == 0) t = t.Reshape();
        return dtype == DType.Float64 ? t : t.To(dtype).Detach();
    }

    /// <summary>Standard normal values of the given shape and dtype, drawn from NumPy's generator with <paramref name="seed"/>.</summary>
    public static Tensor RandomNormal(IReadOnlyList<int> shape, DType dtype, uint seed)
    {
        int[] dims = shape.ToArray();
        var values = new NumPyRandomState(seed).Randn(dims).Reshape(dims);
        return dtype == DType.Float64 ? values : values.To(dtype);
    }

    /// <summary>Zeros shaped like <paramref name="like"/>, for a gradient that a library did not produce (an
    /// input the output does not depend on: mathematically zero).</summary>
    public static Tensor ZerosLike(Tensor like) => Tensor.ZerosLike(like);
}
