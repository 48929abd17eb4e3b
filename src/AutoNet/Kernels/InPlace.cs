using System.Numerics.Tensors;

namespace AutoNet.Kernels;

/// <summary>
/// The few in-place updates optimisers need, applied to a tensor's own memory. Each bumps the tensor's version,
/// so a backward that still needs the old values reports the change instead of using them.
/// </summary>
internal static class InPlace
{
    /// <summary>dst ← dst + alpha · src (same shape and dtype). PyTorch: <c>dst.add_(src, alpha=alpha)</c>.</summary>
    public static void AddScaled(Tensor dst, Tensor src, double alpha)
    {
        if (dst.DType == DType.Float32)
            TensorPrimitives.MultiplyAdd(src.Span<float>(), (float)alpha, dst.Span<float>(), dst.Span<float>());
        else
            TensorPrimitives.MultiplyAdd(src.Span<double>(), alpha, dst.Span<double>(), dst.Span<double>());
        dst.BumpVersion();
    }

    /// <summary>dst ← dst · alpha. PyTorch: <c>dst.mul_(alpha)</c>.</summary>
    public static void Scale(Tensor dst, double alpha)
    {
        if (dst.DType == DType.Float32) TensorPrimitives.Multiply(dst.Span<float>(), (float)alpha, dst.Span<float>());
        else TensorPrimitives.Multiply(dst.Span<double>(), alpha, dst.Span<double>());
        dst.BumpVersion();
    }

    /// <summary>A new tensor with the same values, owning its memory (PyTorch: <c>clone().detach()</c>).</summary>
    public static Tensor Clone(Tensor src)
    {
        var t = Tensor.ZeroFilled(src.ShapeArray, src.DType);
        Array.Copy(src.Storage.Data, t.Storage.Data, src.Count);
        return t;
    }
}
