namespace AutoNet;

public partial class Tensor
{
    /// <summary>
    /// Joins tensors along an existing dim: all must have the same rank and the same sizes except along
    /// <paramref name="dim"/>; dtypes are promoted (float32 with float64 gives float64); a 1-D tensor of size 0 is
    /// skipped whatever its rank (torch's legacy rule). PyTorch: <c>torch.cat</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The list is empty, a tensor is 0-d, or ranks or sizes differ (the message names the tensor and its shape).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    public static Tensor Cat(IReadOnlyList<Tensor> tensors, int dim = 0) => Ops.Cat.Forward(tensors, dim);

    /// <summary>
    /// Stacks tensors of one shape along a new dim <paramref name="dim"/> (in [-rank-1, rank]); dtypes are promoted
    /// as in <see cref="Cat"/>. PyTorch: <c>torch.stack</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The list is empty or shapes differ (the message names the tensor and its shape).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    public static Tensor Stack(IReadOnlyList<Tensor> tensors, int dim = 0) => Ops.Stack.Forward(tensors, dim);

    /// <summary>
    /// This tensor tiled <c>repeats[d]</c> times along every dim d; with more counts than dims, leading size-1 dims
    /// are added first (<c>[2, 3].Repeat(2, 1, 1)</c> gives <c>[2, 2, 3]</c>). Copies. PyTorch: <c>Tensor.repeat</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer counts than dims, or a negative count.</exception>
    public Tensor Repeat(params int[] repeats) => Ops.Repeat.Forward(this, repeats);
}
