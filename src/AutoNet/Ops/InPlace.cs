using System.Numerics.Tensors;

namespace AutoNet.Ops;

/// <summary>
/// The few in-place updates optimisers need, applied to a tensor's own memory. Each bumps the tensor's version,
/// so a backward that still needs the old values reports the change instead of using them.
/// </summary>
internal static class InPlace
{
    /// <summary>dst ← dst + alpha · src (same shape and dtype). PyTorch: <c>dst.add_(src, alpha=alpha)</c>.</summary>
    public static void AddScaled(Tensor dst, Tensor src, double alpha)
    {
        src = Contiguous.Values(src);
        if (!dst.IsContiguous)
        {
            Contiguous.Write(dst, Contiguous.Copy(dst) + src * alpha);
            dst.BumpVersion();
            return;
        }
        if (dst.DType == DType.Float32)
            TensorPrimitives.MultiplyAdd(src.Span<float>(), (float)alpha, dst.Span<float>(), dst.Span<float>());
        else
            TensorPrimitives.MultiplyAdd(src.Span<double>(), alpha, dst.Span<double>(), dst.Span<double>());
        dst.BumpVersion();
    }

    /// <summary>dst ← dst · alpha. PyTorch: <c>dst.mul_(alpha)</c>.</summary>
    public static void Scale(Tensor dst, double alpha)
    {
        if (!dst.IsContiguous)
        {
            Contiguous.Write(dst, Contiguous.Copy(dst) * alpha);
            dst.BumpVersion();
            return;
        }
        if (dst.DType == DType.Float32) TensorPrimitives.Multiply(dst.Span<float>(), (float)alpha, dst.Span<float>());
        else TensorPrimitives.Multiply(dst.Span<double>(), alpha, dst.Span<double>());
        dst.BumpVersion();
    }

    /// <summary>A new tensor with the same values, owning its memory (PyTorch: <c>clone().detach()</c>).</summary>
    public static Tensor Clone(Tensor src) => Contiguous.Copy(src);
}
