using TorchSharp;

namespace AutoNet.TorchSharp;

/// <summary>
/// One run of a computation in both libraries on copies of the same inputs, with the same random output gradient
/// back-propagated through both: the raw tensors behind <see cref="Parity.Check(Func{Tensor[], Tensor}, Func{torch.Tensor[], torch.Tensor}, ParityOptions, Tensor[])"/>
/// and <see cref="GradientCheck"/>.ThreeWay, everything copied into AutoNet tensors.
/// </summary>
internal sealed class ParityRun
{
    private ParityRun(Tensor output, Tensor gradOutput, Tensor?[] gradients, Tensor torchOutput, Tensor?[] torchGradients)
    {
        Output = output;
        GradOutput = gradOutput;
        Gradients = gradients;
        TorchOutput = torchOutput;
        TorchGradients = torchGradients;
    }

    /// <summary>AutoNet's output.</summary>
    public Tensor Output { get; }

    /// <summary>The output gradient back-propagated through both (standard normal, seeded), in the output's dtype.</summary>
    public Tensor GradOutput { get; }

    /// <summary>AutoNet's gradient of each differentiated input (zeros where the output does not depend on it); null for the others.</summary>
    public Tensor?[] Gradients { get; }

    /// <summary>PyTorch's output, copied to AutoNet.</summary>
    public Tensor TorchOutput { get; }

    /// <summary>PyTorch's gradient of each differentiated input; null for the others, and for all when the outputs'
    /// shapes or dtypes differ (no common output gradient exists then).</summary>
    public Tensor?[] TorchGradients { get; }

    /// <summary>True when the two outputs have the same shape and dtype, so the gradients could be compared.</summary>
    public bool OutputsComparable => Output.DType == TorchOutput.DType && Output.Shape.SequenceEqual(TorchOutput.Shape);

    /// <summary>Runs both functions on fresh leaf copies of <paramref name="inputs"/> (leaves that require grad where
    /// <paramref name="differentiate"/> says so) and back-propagates one output gradient drawn with <paramref name="seed"/>.</summary>
    public static ParityRun Run(Func<Tensor[], Tensor> autoNetFunction, Func<torch.Tensor[], torch.Tensor> torchFunction,
        Tensor[] inputs, bool[] differentiate, uint seed, string caller)
    {
        // AutoNet.
        var leaves = new Tensor[inputs.Length];
        for (int i = 0; i < inputs.Length; i++) leaves[i] = TensorCopies.Leaf(inputs[i], differentiate[i]);
        var output = autoNetFunction(leaves) ?? throw new InvalidOperationException($"{caller}: the AutoNet function returned null.");
        var gradOutput = TensorCopies.RandomNormal(output.Shape, output.DType, seed);
        var gradients = AutoNetGradients(output, leaves, differentiate, gradOutput);

        // PyTorch, on the same values, with the same output gradient.
        var torchGradients = new Tensor?[inputs.Length];
        Tensor torchOutput;
        using (torch.NewDisposeScope())
        {
            var torchLeaves = new torch.Tensor[inputs.Length];
            for (int i = 0; i < inputs.Length; i++) torchLeaves[i] = inputs[i].ToTorch(requiresGrad: differentiate[i]);
            var y = torchFunction(torchLeaves) ?? throw new InvalidOperationException($"{caller}: the TorchSharp function returned null.");
            torchOutput = y.ToAutoNet();
            if (output.DType == torchOutput.DType && output.Shape.SequenceEqual(torchOutput.Shape))
            {
                int[] wrt = Enumerable.Range(0, inputs.Length).Where(i => differentiate[i]).ToArray();
                var grads = BackwardInTorch(y, wrt.Select(i => torchLeaves[i]).ToList(), gradOutput, wrt.Select(i => leaves[i]).ToList());
                for (int k = 0; k < wrt.Length; k++) torchGradients[wrt[k]] = grads[k];
            }
        }
        return new ParityRun(output, gradOutput, gradients, torchOutput, torchGradients);
    }

    /// <summary>AutoNet's gradient of <paramref name="output"/> (seeded with <paramref name="gradOutput"/>) for each
    /// differentiated leaf, zeros where the output does not depend on it; null for the others.</summary>
    private static Tensor?[] AutoNetGradients(Tensor output, Tensor[] leaves, bool[] differentiate, Tensor gradOutput)
    {
        var result = new Tensor?[leaves.Length];
        var wrt = Enumerable.Range(0, leaves.Length).Where(i => differentiate[i]).ToArray();
        if (wrt.Length == 0) return result;
        Tensor?[] grads = output.RequiresGrad
            ? Autograd.Grad([output], wrt.Select(i => leaves[i]).ToArray(), [gradOutput])
            : new Tensor?[wrt.Length];
        for (int k = 0; k < wrt.Length; k++) result[wrt[k]] = grads[k] ?? TensorCopies.ZerosLike(leaves[wrt[k]]);
        return result;
    }

    /// <summary>
    /// libtorch's gradient of <paramref name="y"/> (seeded with <paramref name="gradOutput"/>) for each tensor in
    /// <paramref name="wrt"/>, copied to AutoNet; zeros shaped like the matching <paramref name="likes"/> entry where
    /// libtorch leaves it undefined. Uses <c>torch.autograd.grad</c>, so no tensor's <c>.grad</c> is touched.
    /// </summary>
    public static Tensor[] BackwardInTorch(torch.Tensor y, IList<torch.Tensor> wrt, Tensor gradOutput, IReadOnlyList<Tensor> likes)
    {
        var result = new Tensor[wrt.Count];
        IList<torch.Tensor>? grads = wrt.Count > 0 && y.requires_grad
            ? torch.autograd.grad([y], wrt, [gradOutput.ToTorch()], allow_unused: true)
            : null;
        for (int i = 0; i < wrt.Count; i++)
            result[i] = grads is not null && grads[i] is { IsInvalid: false } g ? g.ToAutoNet() : TensorCopies.ZerosLike(likes[i]);
        return result;
    }
}
