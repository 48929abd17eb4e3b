namespace AutoNet;

/// <summary>Functional forms of activations and losses. PyTorch: <c>torch.nn.functional</c>.</summary>
public static partial class F
{
    /// <summary>
    /// Binary cross-entropy between probabilities <paramref name="input"/> and targets in [0, 1]:
    /// -(y log p + (1 - y) log(1 - p)), each log clamped at -100 as PyTorch does, so p = 0 or 1 stays finite.
    /// PyTorch: <c>F.binary_cross_entropy</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Shapes or dtypes differ, or a value lies outside [0, 1].</exception>
    public static Tensor BinaryCrossEntropy(Tensor input, Tensor target, Reduction reduction = Reduction.Mean)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        return Reduce(Ops.BinaryCrossEntropy.Forward(input, target), reduction);
    }

    /// <summary>max(x, 0). PyTorch: <c>F.relu</c>.</summary>
    public static Tensor Relu(Tensor input) => input.Relu();

    /// <summary>1 / (1 + e^-x). PyTorch: <c>F.sigmoid</c>.</summary>
    public static Tensor Sigmoid(Tensor input) => input.Sigmoid();

    /// <summary>Softmax along <paramref name="dim"/>. PyTorch: <c>F.softmax</c>.</summary>
    public static Tensor Softmax(Tensor input, int dim) => input.Softmax(dim);

    /// <summary>Log-softmax along <paramref name="dim"/>. PyTorch: <c>F.log_softmax</c>.</summary>
    public static Tensor LogSoftmax(Tensor input, int dim) => input.LogSoftmax(dim);

    /// <summary>Applies a <see cref="Reduction"/> to per-element losses.</summary>
    internal static Tensor Reduce(Tensor loss, Reduction reduction) => reduction switch
    {
        Reduction.Mean => loss.Mean(),
        Reduction.Sum => loss.Sum(),
        Reduction.None => loss,
        _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Loss: reduction must be Mean, Sum or None."),
    };
}
