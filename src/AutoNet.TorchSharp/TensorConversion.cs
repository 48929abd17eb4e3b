using TorchSharp;

namespace AutoNet.TorchSharp;

/// <summary>
/// Copies tensors between AutoNet and TorchSharp, keeping shape, dtype (float64, float32, int64 or bool) and every value bit
/// for bit. The copies share no memory: changing one never changes the other.
/// </summary>
/// <remarks>
/// TorchSharp tensors hold native memory. A tensor returned by <see cref="ToTorch"/> belongs to the caller, or to
/// the innermost <c>torch.NewDisposeScope()</c> open on this thread, like any tensor TorchSharp creates.
/// </remarks>
public static class TensorConversion
{
    /// <summary>
    /// A new TorchSharp tensor (on the CPU) with the same shape, dtype and values as <paramref name="tensor"/>.
    /// PyTorch equivalent: <c>torch.tensor(array, dtype=...)</c>.
    /// </summary>
    /// <param name="tensor">The AutoNet tensor to copy (its graph and gradient are not copied).</param>
    /// <param name="requiresGrad">Whether the new tensor is a leaf that requires grad (only for float64 and float32).</param>
    /// <exception cref="InvalidOperationException"><paramref name="requiresGrad"/> is true for an Int64 or Bool tensor.</exception>
    public static torch.Tensor ToTorch(this Tensor tensor, bool requiresGrad = false)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        long[] shape = new long[tensor.Rank];
        for (int i = 0; i < shape.Length; i++) shape[i] = tensor.Shape[i];
        return tensor.DType switch
        {
            DType.Float64 => torch.tensor(tensor.ToArray(), shape, torch.ScalarType.Float64, requires_grad: requiresGrad),
            DType.Float32 => torch.tensor(tensor.ToFloatArray(), shape, torch.ScalarType.Float32, requires_grad: requiresGrad),
            DType.Int64 => NotRequiringGrad(torch.tensor(tensor.ToInt64Array(), shape, torch.ScalarType.Int64), requiresGrad),
            DType.Bool => NotRequiringGrad(torch.tensor(tensor.ToBoolArray(), shape, torch.ScalarType.Bool), requiresGrad),
            _ => throw new ArgumentException($"TensorConversion.ToTorch: unsupported dtype {tensor.DType}.", nameof(tensor)),
        };
    }

    /// <summary>
    /// A new AutoNet tensor with the same shape, dtype and values as <paramref name="tensor"/> (which may live on
    /// any device and need not be contiguous). The result is a leaf; its graph and gradient are not copied.
    /// PyTorch equivalent: <c>tensor.detach().cpu().numpy()</c>, then <c>Tensor.From</c>.
    /// </summary>
    /// <param name="tensor">The TorchSharp tensor to copy; it must be float64, float32, int64 or bool.</param>
    /// <param name="requiresGrad">Whether the new AutoNet tensor requires grad.</param>
    /// <exception cref="ArgumentException">The tensor has another dtype, or a dimension too large for AutoNet.</exception>
    public static Tensor ToAutoNet(this torch.Tensor tensor, bool requiresGrad = false)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        DType dtype = tensor.dtype.ToDType();
        long[] longShape = tensor.shape;
        int[] shape = new int[longShape.Length];
        for (int i = 0; i < shape.Length; i++)
        {
            if (longShape[i] > int.MaxValue)
                throw new ArgumentException(
                    $"TensorConversion.ToAutoNet: dimension {i} has size {longShape[i]}, more than AutoNet's limit of {int.MaxValue}.", nameof(tensor));
            shape[i] = (int)longShape[i];
        }

        Tensor result;
        // Intermediate handles are freed with this scope, never the caller's tensor.
        using (torch.NewDisposeScope())
        {
            // copy_ into a fresh dense CPU tensor reads any layout: strided views, other devices, and libtorch's
            // storage-less "efficient zero tensors" (which some backward formulas return), which have no data to read.
            var dense = torch.empty(longShape, tensor.dtype);
            using (torch.no_grad()) dense.copy_(tensor);
            bool empty = dense.numel() == 0; // TorchSharp's accessor cannot copy out an empty tensor
            result = dtype switch
            {
                DType.Float64 => Tensor.From(empty ? [] : dense.data<double>().ToArray(), shape),
                DType.Float32 => Tensor.From(empty ? [] : dense.data<float>().ToArray(), shape),
                DType.Int64 => Tensor.From(empty ? [] : dense.data<long>().ToArray(), shape),
                _ => Tensor.From(empty ? [] : dense.data<bool>().ToArray(), shape),
            };
        }
        if (shape.Length == 0) result = result.Reshape();
        result.RequiresGrad = requiresGrad;
        return result;
    }

    /// <summary>An integer or bool tensor as made; refuses <paramref name="requiresGrad"/> as AutoNet and PyTorch do.</summary>
    private static torch.Tensor NotRequiringGrad(torch.Tensor made, bool requiresGrad)
    {
        if (!requiresGrad) return made;
        made.Dispose();
        throw new InvalidOperationException(
            "TensorConversion.ToTorch: only Tensors of floating point dtype can require gradients; convert the tensor with To(DType.Float64) first.");
    }
}
