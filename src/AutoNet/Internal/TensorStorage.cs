namespace AutoNet.Internal;

/// <summary>
/// The memory behind one or more tensors: a <c>double[]</c> or a <c>float[]</c>, and a version counter that
/// every in-place write bumps. Views (<see cref="Tensor.Detach"/>, <see cref="Tensor.Reshape"/>, <see cref="Tensor.Transpose"/>,
/// slices, ...) share one storage, each reading it with its own offset and strides, so a write through any of them
/// is seen by autograd's saved-tensor check.
/// </summary>
internal sealed class TensorStorage(Array data)
{
    /// <summary>The elements, row-major: <c>double[]</c> for Float64, <c>float[]</c> for Float32.</summary>
    public readonly Array Data = data;

    /// <summary>Bumped by every in-place write (CopyFrom, optimiser steps).</summary>
    public int Version;
}
