namespace AutoNet.Internal;

/// <summary>
/// The memory behind one or more tensors: a <c>double[]</c>, <c>float[]</c>, <c>long[]</c> or <c>bool[]</c> (one per
/// <see cref="DType"/>), and a version counter that every in-place write bumps. Views (<see cref="Tensor.Detach"/>,
/// <see cref="Tensor.Reshape"/>) share one storage, so a write through any of them is seen by autograd's
/// saved-tensor check.
/// </summary>
internal sealed class TensorStorage(Array data)
{
    /// <summary>The elements, row-major: <c>double[]</c> for Float64, <c>float[]</c> for Float32, <c>long[]</c> for
    /// Int64, <c>bool[]</c> for Bool.</summary>
    public readonly Array Data = data;

    /// <summary>Bumped by every in-place write (CopyFrom, optimiser steps).</summary>
    public int Version;

    /// <summary>
    /// A new array of <paramref name="n"/> elements of <paramref name="dtype"/>'s element type: zero-filled, or (when
    /// <paramref name="zeroed"/> is false, for outputs the caller writes in full) uninitialised. The one place that
    /// maps a dtype to its array type.
    /// </summary>
    public static Array Allocate(DType dtype, int n, bool zeroed) => dtype switch
    {
        DType.Float64 => zeroed ? new double[n] : GC.AllocateUninitializedArray<double>(n),
        DType.Float32 => zeroed ? new float[n] : GC.AllocateUninitializedArray<float>(n),
        DType.Int64 => zeroed ? new long[n] : GC.AllocateUninitializedArray<long>(n),
        DType.Bool => new bool[n],
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, $"Tensor: dtype {(int)dtype} is not a DType."),
    };
}
