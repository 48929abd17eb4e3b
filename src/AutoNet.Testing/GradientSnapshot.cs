using AutoNet.Nn;

namespace AutoNet.Testing;

/// <summary>
/// The loss of a model and every gradient backward gave it: each parameter's by its state-dict name
/// (<c>0.weight</c>), each named input's as <c>input.&lt;name&gt;</c>. Capture one with <see cref="Capture"/>,
/// keep it as a safetensors file with <see cref="Save"/> (or record one from PyTorch with
/// <c>tools/record_torch_gradients.py</c>), and check a later run against it with <see cref="Compare"/> or
/// <see cref="Verify"/>: a snapshot test for gradients.
/// </summary>
public sealed partial class GradientSnapshot
{
    /// <summary>The prefix of an input's gradient name: the input named <c>x</c> is recorded as <c>input.x</c>.</summary>
    public const string InputPrefix = "input.";

    internal GradientSnapshot(double loss, DType dtype, IReadOnlyDictionary<string, Tensor> gradients, IReadOnlyDictionary<string, string> metadata)
    {
        Loss = loss;
        DType = dtype;
        Gradients = gradients;
        Metadata = metadata;
    }

    /// <summary>The value of the loss.</summary>
    public double Loss { get; }

    /// <summary>The dtype the loss was computed in (the model's dtype).</summary>
    public DType DType { get; }

    /// <summary>The gradients by name: parameters by their state-dict names (<c>0.weight</c>), in the model's
    /// order, then the inputs as <c>input.&lt;name&gt;</c>. Each tensor has its parameter's or input's shape and dtype.</summary>
    public IReadOnlyDictionary<string, Tensor> Gradients { get; }

    /// <summary>What produced the snapshot, as stored in the file's header: <c>library</c> (<c>AutoNet</c> or
    /// <c>PyTorch</c>), <c>library_version</c>, <c>dtype</c>, <c>loss</c> (its shortest round-trip text), and
    /// whatever else the producer added (the Python script adds <c>recorded_with</c>).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The library and version that produced the snapshot, e.g. <c>PyTorch 1.13.0</c>.</summary>
    public string Producer =>
        $"{Metadata.GetValueOrDefault(MetadataKeys.Library, "unknown library")} {Metadata.GetValueOrDefault(MetadataKeys.LibraryVersion, "(no version)")}".Trim();

    /// <summary>
    /// Runs <paramref name="loss"/>, back-propagates it, and records the loss and the gradients. First every
    /// parameter's gradient is reset (<see cref="Module.ZeroGrad"/>), and every named input's, so that the snapshot
    /// holds the gradient of this one loss and not whatever earlier backward passes had accumulated, as after
    /// <c>optimizer.ZeroGrad(); loss.Backward();</c> in a training step. Afterwards the parameters and inputs keep
    /// the new gradients in their <see cref="Tensor.Grad"/>, as after any backward. A parameter the loss does not
    /// reach (or that does not require grad) is recorded as zeros. The model's training mode is left as it is:
    /// set it (<see cref="Module.Train"/>, <see cref="Module.Eval"/>) before, as the PyTorch side must match it.
    /// </summary>
    /// <param name="model">The model whose parameters' gradients are recorded, by state-dict name.</param>
    /// <param name="loss">Computes the loss, a tensor with one element, from the model (and the inputs); called once.</param>
    /// <param name="inputs">Leaf tensors whose gradient is recorded too, as <c>input.&lt;name&gt;</c>. Capture sets
    /// their <see cref="Tensor.RequiresGrad"/> before calling <paramref name="loss"/> and restores it afterwards.</param>
    /// <returns>The snapshot, with AutoNet's name and version in its <see cref="Metadata"/>.</returns>
    /// <exception cref="ArgumentException">An input is null, not a leaf, or has an empty name or one that collides
    /// with a parameter's; or the loss is null, has more than one element, or depends on nothing that requires grad.</exception>
    public static GradientSnapshot Capture(Module model, Func<Tensor> loss, IReadOnlyDictionary<string, Tensor>? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        var parameters = model.NamedParameters().ToList();
        var named = CheckInputs(inputs, parameters.Select(p => p.Name));

        model.ZeroGrad();
        var previous = named.Select(i => i.Tensor.RequiresGrad).ToArray();
        try
        {
            foreach (var (_, input) in named)
            {
                input.Grad = null;
                input.RequiresGrad = true;
            }
            var value = loss();
            if (value is null)
                throw new ArgumentException("GradientSnapshot.Capture: the loss function returned null; expected a tensor with one element.", nameof(loss));
            if (value.Count != 1)
                throw new ArgumentException($"GradientSnapshot.Capture: the loss has shape [{string.Join(", ", value.Shape)}] ({value.Count} elements); " +
                                            "expected a single value (reduce it with Mean() or Sum()).", nameof(loss));
            if (!value.RequiresGrad)
                throw new ArgumentException("GradientSnapshot.Capture: the loss does not require grad: it depends on no parameter or input that requires grad " +
                                            "(or it was computed inside Autograd.NoGrad()), so there is no gradient to record.", nameof(loss));
            value.Backward();

            var gradients = new OrderedDictionary<string, Tensor>(parameters.Count + named.Count, StringComparer.Ordinal);
            foreach (var (name, parameter) in parameters) gradients[name] = CopyOfGradient(parameter);
            foreach (var (name, input) in named) gradients[InputPrefix + name] = CopyOfGradient(input);
            double lossValue = value.Item();
            return new GradientSnapshot(lossValue, value.DType, gradients, MetadataKeys.ForAutoNet(value.DType, lossValue));
        }
        finally
        {
            for (int i = 0; i < named.Count; i++) named[i].Tensor.RequiresGrad = previous[i];
        }
    }

    private static List<(string Name, Tensor Tensor)> CheckInputs(IReadOnlyDictionary<string, Tensor>? inputs, IEnumerable<string> parameterNames)
    {
        var result = new List<(string, Tensor)>();
        if (inputs is null) return result;
        var taken = new HashSet<string>(parameterNames, StringComparer.Ordinal);
        foreach (var (name, tensor) in inputs)
        {
            if (string.IsNullOrEmpty(name))
                throw new ArgumentException("GradientSnapshot.Capture: an input has an empty name; expected a name such as \"x\" (recorded as \"input.x\").", nameof(inputs));
            if (tensor is null)
                throw new ArgumentException($"GradientSnapshot.Capture: input '{name}' is null; expected a leaf tensor.", nameof(inputs));
            if (!tensor.IsLeaf)
                throw new ArgumentException($"GradientSnapshot.Capture: input '{name}' was computed by {tensor.GradFn!.Name}, so backward keeps no gradient for it; " +
                                            "expected a leaf tensor (the batch itself, or Detach() of a computed one).", nameof(inputs));
            if (taken.Contains(InputPrefix + name))
                throw new ArgumentException($"GradientSnapshot.Capture: input '{name}' would be recorded as '{InputPrefix}{name}', which is already a parameter's name; rename the input.", nameof(inputs));
            result.Add((name, tensor));
        }
        return result;
    }

    /// <summary>A copy of the tensor's gradient (backward may share one gradient tensor between leaves), or zeros.</summary>
    private static Tensor CopyOfGradient(Tensor leaf)
    {
        var copy = Tensor.ZerosLike(leaf);
        if (leaf.Grad is { } grad)
            using (Autograd.NoGrad())
                copy.CopyFrom(grad);
        return copy;
    }
}
