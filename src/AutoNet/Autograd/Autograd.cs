using AutoNet.Internal;

namespace AutoNet;

/// <summary>Autograd's public switches and functional entry points. PyTorch: <c>torch.autograd</c>.</summary>
public static partial class Autograd
{
    /// <summary>
    /// Turns off graph recording until the returned scope is disposed: <c>using (Autograd.NoGrad()) { ... }</c>.
    /// Per thread (and async flow). PyTorch: <c>torch.no_grad()</c>.
    /// </summary>
    public static IDisposable NoGrad() => GradMode.Set(false);

    /// <summary>Turns graph recording back on inside a <see cref="NoGrad"/> scope. PyTorch: <c>torch.enable_grad()</c>.</summary>
    public static IDisposable EnableGrad() => GradMode.Set(true);

    /// <summary>True when ops on tensors that require grad are recorded. PyTorch: <c>torch.is_grad_enabled()</c>.</summary>
    public static bool IsGradEnabled => GradMode.IsEnabled;

    /// <summary>
    /// Makes the first NaN or infinity produced in forward or backward throw at once, naming the op, until the
    /// returned scope is disposed. PyTorch: <c>torch.autograd.detect_anomaly()</c>.
    /// </summary>
    public static IDisposable DetectAnomaly() => AnomalyMode.Set(AnomalyMode.Detect | AnomalyMode.CreationSites);

    /// <summary>
    /// Makes every node created until the returned scope is disposed remember where in your code it was made
    /// (<see cref="Node.CreatedAt"/>, e.g. <c>Program.cs:42 in Main</c>), so that backward traces and error
    /// messages can name it. Costs a stack walk per op while on. (<see cref="DetectAnomaly"/> records them too.)
    /// </summary>
    public static IDisposable RecordCreationSites() => AnomalyMode.Set(AnomalyMode.CreationSites);

    /// <summary>
    /// Computes and returns the gradients of <paramref name="outputs"/> with respect to <paramref name="inputs"/>,
    /// without touching any tensor's <see cref="Tensor.Grad"/>. An input that the outputs do not depend on gets
    /// null. PyTorch: <c>torch.autograd.grad(outputs, inputs, grad_outputs, retain_graph, create_graph)</c>.
    /// </summary>
    /// <param name="outputs">The tensors to differentiate (each one-element unless a gradient is given for it).</param>
    /// <param name="inputs">The tensors to differentiate with respect to; each must require grad.</param>
    /// <param name="gradOutputs">The gradient seeding each output (null: ones for one-element outputs).</param>
    /// <param name="retainGraph">Keep the graph so backward can run through it again.</param>
    /// <param name="createGraph">Record the backward pass so the returned gradients can be differentiated again.</param>
    public static Tensor?[] Grad(IReadOnlyList<Tensor> outputs, IReadOnlyList<Tensor> inputs,
        IReadOnlyList<Tensor>? gradOutputs = null, bool retainGraph = false, bool createGraph = false)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(inputs);
        foreach (var (list, name) in new[] { (outputs, nameof(outputs)), (inputs, nameof(inputs)), (gradOutputs ?? [], nameof(gradOutputs)) })
            for (int i = 0; i < list.Count; i++)
                if (list[i] is null) throw new ArgumentNullException(name, $"Autograd.Grad: {name}[{i}] is null; expected a tensor.");
        if (gradOutputs is not null && gradOutputs.Count != outputs.Count)
            throw new ArgumentException($"Autograd.Grad: {gradOutputs.Count} gradOutputs given for {outputs.Count} outputs; expected one per output.");
        for (int i = 0; i < inputs.Count; i++)
            if (!inputs[i].RequiresGrad)
                throw new ArgumentException($"Autograd.Grad: input {i} (shape {ShapeUtil.Format(inputs[i].ShapeArray)}) does not require grad; set RequiresGrad = true on it before computing the outputs.");
        var roots = new Tensor[outputs.Count];
        var seeds = new Tensor[outputs.Count];
        for (int i = 0; i < outputs.Count; i++)
        {
            roots[i] = outputs[i];
            if (!roots[i].RequiresGrad)
                throw new InvalidOperationException($"Autograd.Grad: output {i} does not require grad and has no GradFn; none of the inputs it was computed from requires grad.");
            seeds[i] = SeedGradient(roots[i], gradOutputs?[i], "Autograd.Grad");
        }
        var inputArray = new Tensor[inputs.Count];
        for (int i = 0; i < inputs.Count; i++) inputArray[i] = inputs[i];
        return BackwardEngine.Run(roots, seeds, retainGraph || createGraph, createGraph, inputArray)!;
    }

    /// <summary>The gradient that starts backward from <paramref name="root"/>: the given one, or 1 for a one-element output.</summary>
    internal static Tensor SeedGradient(Tensor root, Tensor? gradient, string op)
    {
        if (gradient is not null)
        {
            BackwardEngine.CheckSeed(root, gradient, op);
            return gradient.DType == root.DType ? gradient : gradient.To(root.DType);
        }
        if (root.Count != 1)
            throw new InvalidOperationException(
                $"{op}: a gradient can be created implicitly only for one-element outputs, but this output has shape {ShapeUtil.Format(root.ShapeArray)}. " +
                "Pass a gradient of the same shape, or reduce the output to a scalar first (e.g. .Sum() or .Mean()).");
        return Tensor.OnesLike(root);
    }
}
