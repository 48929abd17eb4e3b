using AutoNet.Nn;
using TorchSharp;

namespace AutoNet.TorchSharp;

/// <summary>
/// Checks that a computation written with AutoNet gives the same values and gradients as the same computation in
/// PyTorch (through TorchSharp, which runs libtorch). Each check runs both on copies of the same inputs, compares
/// the outputs, back-propagates the same random output gradient through both, and compares the gradient of every
/// input (and, for modules, of every parameter) element by element, with tolerances that depend on the dtype.
/// </summary>
/// <example>
/// <code>
/// var x = Tensor.From([-2.0, -0.5, 0.0, 1.5, 3.0]);
/// var result = Parity.Check(x => (1.0 + x.Exp()).Log(), x => torch.nn.functional.softplus(x), x);
/// Assert.True(result.Passed, result.ToString());
/// </code>
/// </example>
public static class Parity
{
    /// <summary>Checks a function of one tensor. See <see cref="Check(Func{Tensor[], Tensor}, Func{torch.Tensor[], torch.Tensor}, ParityOptions, Tensor[])"/>.</summary>
    /// <param name="autoNetFunction">The computation in AutoNet.</param>
    /// <param name="torchFunction">The same computation in TorchSharp (the reference).</param>
    /// <param name="input">The input; it is copied, never changed.</param>
    /// <param name="options">Tolerance, seed, constant inputs; null for the defaults.</param>
    public static ParityResult Check(Func<Tensor, Tensor> autoNetFunction, Func<torch.Tensor, torch.Tensor> torchFunction,
        Tensor input, ParityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(autoNetFunction);
        ArgumentNullException.ThrowIfNull(torchFunction);
        return Check(xs => autoNetFunction(xs[0]), xs => torchFunction(xs[0]), options ?? ParityOptions.Default, input);
    }

    /// <summary>Checks a function of several tensors with the default options.
    /// See <see cref="Check(Func{Tensor[], Tensor}, Func{torch.Tensor[], torch.Tensor}, ParityOptions, Tensor[])"/>.</summary>
    /// <param name="autoNetFunction">The computation in AutoNet, given copies of <paramref name="inputs"/>.</param>
    /// <param name="torchFunction">The same computation in TorchSharp (the reference).</param>
    /// <param name="inputs">The inputs; they are copied, never changed.</param>
    public static ParityResult Check(Func<Tensor[], Tensor> autoNetFunction, Func<torch.Tensor[], torch.Tensor> torchFunction,
        params Tensor[] inputs) => Check(autoNetFunction, torchFunction, ParityOptions.Default, inputs);

    /// <summary>
    /// Runs <paramref name="autoNetFunction"/> on AutoNet copies of <paramref name="inputs"/> and
    /// <paramref name="torchFunction"/> on TorchSharp copies, compares the outputs (shape, dtype, values), then
    /// back-propagates the same standard-normal output gradient through both and compares the gradient of every
    /// input that is not listed in <see cref="ParityOptions.ConstantInputs"/>. A gradient that one library leaves
    /// undefined (the output does not depend on that input) counts as zeros.
    /// </summary>
    /// <param name="autoNetFunction">The computation in AutoNet, given fresh leaf copies of the inputs.</param>
    /// <param name="torchFunction">The same computation in TorchSharp, given fresh leaf copies (the reference).</param>
    /// <param name="options">Tolerance, seed of the output gradient, constant inputs.</param>
    /// <param name="inputs">The inputs; they are copied, never changed.</param>
    /// <returns>The comparisons; <see cref="ParityResult.Passed"/> tells whether all matched.</returns>
    /// <exception cref="ArgumentException">An input is null, or a constant input index is out of range.</exception>
    public static ParityResult Check(Func<Tensor[], Tensor> autoNetFunction, Func<torch.Tensor[], torch.Tensor> torchFunction,
        ParityOptions options, params Tensor[] inputs)
    {
        ArgumentNullException.ThrowIfNull(autoNetFunction);
        ArgumentNullException.ThrowIfNull(torchFunction);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(inputs);
        for (int i = 0; i < inputs.Length; i++)
            if (inputs[i] is null) throw new ArgumentException($"Parity.Check: input {i} is null.", nameof(inputs));
        foreach (int c in options.ConstantInputs)
            if (c < 0 || c >= inputs.Length)
                throw new ArgumentException($"Parity.Check: constant input index {c} is out of range; there are {inputs.Length} inputs.", nameof(options));

        bool[] differentiate = new bool[inputs.Length];
        for (int i = 0; i < inputs.Length; i++) differentiate[i] = options.CheckGradients && !options.ConstantInputs.Contains(i);
        string title = $"Parity.Check ({inputs.Length} input{(inputs.Length == 1 ? "" : "s")})";

        var run = ParityRun.Run(autoNetFunction, torchFunction, inputs, differentiate, options.Seed, "Parity.Check");
        var comparisons = new List<ParityComparison> { ParityComparer.Compare("output", run.Output, run.TorchOutput, options.ToleranceFor(run.Output.DType)) };
        if (comparisons[0].Problem is null)
            for (int i = 0; i < inputs.Length; i++)
                if (differentiate[i])
                    comparisons.Add(ParityComparer.Compare($"gradient of input {i}", run.Gradients[i]!, run.TorchGradients[i]!, options.ToleranceFor(inputs[i].DType)));
        return new ParityResult(title, comparisons);
    }

    /// <summary>
    /// Exports <paramref name="module"/> to TorchSharp with <see cref="ModuleConversion.ToTorch"/> (same weights) and
    /// checks it against the export. See <see cref="CheckModule(Module, torch.nn.Module{torch.Tensor, torch.Tensor}, Tensor, ParityOptions?)"/>.
    /// </summary>
    /// <param name="module">The AutoNet module; its parameters and their gradients are left unchanged.</param>
    /// <param name="input">The input batch; it is copied, never changed.</param>
    /// <param name="options">Tolerance and seed; null for the defaults.</param>
    public static ParityResult CheckModule(Module module, Tensor input, ParityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        using (torch.NewDisposeScope())
            return CheckModule(module, module.ToTorch(), input, options);
    }

    /// <summary>
    /// Runs <paramref name="module"/> and <paramref name="torchModule"/> on copies of <paramref name="input"/>,
    /// compares the outputs, back-propagates the same random output gradient through both, and compares the gradient
    /// of the input and of every parameter, matched by name (<c>0.weight</c>); then compares every buffer (BatchNorm's
    /// <c>running_mean</c>, <c>running_var</c>, <c>num_batches_tracked</c>), which a forward in training mode updates in
    /// both. Neither module's parameters or gradients are changed; buffers change as the forward pass changes them.
    /// The two modules must hold the same parameter and buffer values, and be in the same training mode, for the
    /// check to pass.
    /// </summary>
    /// <param name="module">The AutoNet module.</param>
    /// <param name="torchModule">The reference module; its parameter and buffer names must equal AutoNet's.</param>
    /// <param name="input">The input batch; it is copied, never changed.</param>
    /// <param name="options">Tolerance and seed (<see cref="ParityOptions.ConstantInputs"/> containing 0 skips the
    /// input's gradient); null for the defaults.</param>
    /// <exception cref="ArgumentException">The two modules' parameter or buffer names differ.</exception>
    public static ParityResult CheckModule(Module module, torch.nn.Module<torch.Tensor, torch.Tensor> torchModule, Tensor input, ParityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(torchModule);
        ArgumentNullException.ThrowIfNull(input);
        options ??= ParityOptions.Default;
        var named = module.NamedParameters().ToList();
        var torchNamed = torchModule.named_parameters().ToList();
        var names = named.Select(p => p.Name).ToList();
        if (!names.SequenceEqual(torchNamed.Select(p => p.name)))
            throw new ArgumentException(
                $"Parity.CheckModule: parameter names differ: AutoNet [{string.Join(", ", names)}], TorchSharp [{string.Join(", ", torchNamed.Select(p => p.name))}].",
                nameof(torchModule));
        var buffers = module.NamedBuffers().ToList();
        var torchBuffers = torchModule.named_buffers().ToList();
        if (!buffers.Select(b => b.Name).SequenceEqual(torchBuffers.Select(b => b.name)))
            throw new ArgumentException(
                $"Parity.CheckModule: buffer names differ: AutoNet [{string.Join(", ", buffers.Select(b => b.Name))}], TorchSharp [{string.Join(", ", torchBuffers.Select(b => b.name))}].",
                nameof(torchModule));

        bool inputGrad = options.CheckGradients && !options.ConstantInputs.Contains(0);
        var x = TensorCopies.Leaf(input, inputGrad);
        var output = module.Forward(x);
        var gradOutput = TensorCopies.RandomNormal(output.Shape, output.DType, options.Seed);
        var wrt = new List<Tensor>();
        if (inputGrad) wrt.Add(x);
        if (options.CheckGradients) wrt.AddRange(named.Where(p => p.Parameter.RequiresGrad).Select(p => (Tensor)p.Parameter));
        Tensor?[] gradients = wrt.Count > 0 && output.RequiresGrad ? Autograd.Grad([output], wrt, [gradOutput]) : new Tensor?[wrt.Count];

        var comparisons = new List<ParityComparison>();
        using (torch.NewDisposeScope())
        {
            var tx = input.ToTorch(requiresGrad: inputGrad);
            var torchParameters = torchNamed.Where((p, i) => named[i].Parameter.RequiresGrad).Select(p => (torch.Tensor)p.parameter).ToList();
            var twrt = new List<torch.Tensor>();
            if (inputGrad) twrt.Add(tx);
            if (options.CheckGradients) twrt.AddRange(torchParameters);
            var y = torchModule.forward(tx);
            var torchOutput = y.ToAutoNet();
            comparisons.Add(ParityComparer.Compare("output", output, torchOutput, options.ToleranceFor(output.DType)));
            if (comparisons[0].Problem is null)
            {
                var expected = ParityRun.BackwardInTorch(y, twrt, gradOutput, wrt);
                var labels = new List<string>();
                if (inputGrad) labels.Add("gradient of the input");
                if (options.CheckGradients) labels.AddRange(named.Where(p => p.Parameter.RequiresGrad).Select(p => "gradient of " + p.Name));
                for (int i = 0; i < wrt.Count; i++)
                    comparisons.Add(ParityComparer.Compare(labels[i], gradients[i] ?? TensorCopies.ZerosLike(wrt[i]), expected[i], options.ToleranceFor(wrt[i].DType)));
            }
            // Buffers after the forward; an integer buffer (num_batches_tracked is int64 in PyTorch) is read in AutoNet's dtype.
            for (int i = 0; i < buffers.Count; i++)
                comparisons.Add(ParityComparer.Compare("buffer " + buffers[i].Name, buffers[i].Buffer,
                    torchBuffers[i].buffer.to_type(buffers[i].Buffer.DType.ToScalarType()).ToAutoNet(), options.ToleranceFor(buffers[i].Buffer.DType)));
        }
        return new ParityResult($"Parity.CheckModule ({module.GetType().Name})", comparisons);
    }
}
