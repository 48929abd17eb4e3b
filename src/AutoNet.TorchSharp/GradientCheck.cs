using TorchSharp;

namespace AutoNet.TorchSharp;

/// <summary>
/// Checks AutoNet's gradient of a function against three references in one call: central finite differences of
/// AutoNet's own forward, PyTorch's gradient (through TorchSharp), and optionally a gradient written by hand.
/// </summary>
/// <remarks>
/// <para>Each reference catches what the others miss:</para>
/// <list type="bullet">
/// <item><b>Finite differences</b> need nothing but the forward, so they confirm that the backward is the derivative
/// of the forward. But they confirm a wrong forward's gradient just as readily: if the forward computes
/// the wrong function (a wrong constant, sigmoid(2x) for sigmoid(x)) and its backward differentiates that wrong
/// function correctly, finite differences pass.</item>
/// <item><b>PyTorch</b> is compared on the forward values as well as the gradient, so it catches the wrong forward,
/// and a backward that is exact but follows another convention than PyTorch's (the derivative chosen at a kink, a
/// clamp, a tie), where finite differences only average the two sides. It cannot tell which of the forward or the
/// backward is wrong when both disagree; finite differences can.</item>
/// <item><b>The hand-written gradient</b> is the formula you derived on paper (or a notebook's manual backward): it
/// checks your own understanding, and in a port from NumPy it is the code being replaced, so it says whether the
/// port computes the same update.</item>
/// </list>
/// <para>All three are computed for the same random output gradient g (standard normal, seeded by
/// <see cref="GradientCheckOptions.Seed"/>) and compared element by element with AutoNet's vector-Jacobian product
/// gᵀ·∂f/∂x, the quantity backward computes; finite differences evaluate ⟨g, f(x ± ε·eₖ)⟩ on float64 copies, two
/// forward evaluations per input element, so keep inputs small (tens of elements). The report names the op, and per
/// input each reference, the worst element with both values and its relative error, and a verdict.</para>
/// </remarks>
/// <example>
/// <code>
/// var result = GradientCheck.ThreeWay("softplus",
///     x => (1.0 + x.Exp()).Log(),                // AutoNet
///     x => torch.nn.functional.softplus(x),      // PyTorch
///     Tensor.From([-3.0, -1.0, 0.0, 0.5, 2.0]),
///     handWritten: (x, g) => g * x.Sigmoid());   // d/dx softplus(x) = sigmoid(x)
/// Assert.True(result.Passed, result.ToString());
/// </code>
/// </example>
public static class GradientCheck
{
    /// <summary>Checks a function of one tensor. See <see cref="ThreeWay(string, Func{Tensor[], Tensor}, Func{torch.Tensor[], torch.Tensor}, Tensor[], Func{Tensor[], Tensor, Tensor?[]}?, GradientCheckOptions?)"/>.</summary>
    /// <param name="name">The op's or function's name, shown in the report.</param>
    /// <param name="autoNetFunction">The function in AutoNet (the one whose backward is checked).</param>
    /// <param name="torchFunction">The same function in TorchSharp.</param>
    /// <param name="input">The point to check at; it is copied, never changed.</param>
    /// <param name="handWritten">Optional: given the input and the output gradient g, returns gᵀ·∂f/∂x computed by hand.</param>
    /// <param name="options">Tolerances, ε, seed; null for the defaults.</param>
    public static ThreeWayResult ThreeWay(string name, Func<Tensor, Tensor> autoNetFunction, Func<torch.Tensor, torch.Tensor> torchFunction,
        Tensor input, Func<Tensor, Tensor, Tensor>? handWritten = null, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(autoNetFunction);
        ArgumentNullException.ThrowIfNull(torchFunction);
        return ThreeWay(name, xs => autoNetFunction(xs[0]), xs => torchFunction(xs[0]), [input],
            handWritten is null ? null : (xs, g) => [handWritten(xs[0], g)], options);
    }

    /// <summary>
    /// Runs <paramref name="autoNetFunction"/> and its backward on copies of <paramref name="inputs"/>, and compares:
    /// the output with <paramref name="torchFunction"/>'s; and, for each input not listed in
    /// <see cref="GradientCheckOptions.ConstantInputs"/>, AutoNet's gradient with central finite differences of
    /// AutoNet's forward, with PyTorch's gradient, and with <paramref name="handWritten"/>'s, all for one random
    /// output gradient g.
    /// </summary>
    /// <param name="name">The op's or function's name, shown in the report (e.g. <c>Softplus</c>).</param>
    /// <param name="autoNetFunction">The function in AutoNet, given fresh leaf copies of the inputs.</param>
    /// <param name="torchFunction">The same function in TorchSharp, given fresh leaf copies.</param>
    /// <param name="inputs">The point to check at; copied, never changed. float32 inputs are checked in float32
    /// against PyTorch, and against finite differences computed in float64 (so the function must also run on float64
    /// tensors).</param>
    /// <param name="handWritten">Optional: given copies of the inputs (not requiring grad) and g (shaped and typed
    /// like the output), returns gᵀ·∂f/∂xᵢ for each input, one entry per input (null allowed for constants).</param>
    /// <param name="options">Tolerances, ε, seed, constant inputs; null for the defaults.</param>
    /// <returns>The report; <see cref="ThreeWayResult.Passed"/> is true only when everything agrees.</returns>
    /// <exception cref="ArgumentException">The name is empty, an input is null, a constant index is out of range, or ε
    /// is not a positive finite number.</exception>
    /// <exception cref="InvalidOperationException">A function returned null, or the hand-written function returned
    /// the wrong number of gradients or null for a differentiated input.</exception>
    public static ThreeWayResult ThreeWay(string name, Func<Tensor[], Tensor> autoNetFunction, Func<torch.Tensor[], torch.Tensor> torchFunction,
        Tensor[] inputs, Func<Tensor[], Tensor, Tensor?[]>? handWritten = null, GradientCheckOptions? options = null)
    {
        const string caller = "GradientCheck.ThreeWay";
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(autoNetFunction);
        ArgumentNullException.ThrowIfNull(torchFunction);
        ArgumentNullException.ThrowIfNull(inputs);
        options ??= GradientCheckOptions.Default;
        for (int i = 0; i < inputs.Length; i++)
            if (inputs[i] is null) throw new ArgumentException($"{caller}: input {i} is null.", nameof(inputs));
        foreach (int c in options.ConstantInputs)
            if (c < 0 || c >= inputs.Length)
                throw new ArgumentException($"{caller}: constant input index {c} is out of range; there are {inputs.Length} inputs.", nameof(options));
        if (!(options.Eps > 0) || !double.IsFinite(options.Eps))
            throw new ArgumentException($"{caller}: Eps must be a positive finite number, got {options.Eps}.", nameof(options));

        bool[] differentiate = new bool[inputs.Length];
        for (int i = 0; i < inputs.Length; i++) differentiate[i] = !options.ConstantInputs.Contains(i);
        var run = ParityRun.Run(autoNetFunction, torchFunction, inputs, differentiate, options.Seed, caller);
        var forward = ParityComparer.Compare("output", run.Output, run.TorchOutput, options.ToleranceFor(run.Output.DType));
        var hand = HandWrittenGradients(handWritten, inputs, differentiate, run.GradOutput, caller);

        var checks = new List<InputGradientCheck>();
        for (int i = 0; i < inputs.Length; i++)
        {
            if (!differentiate[i]) continue;
            var ours = run.Gradients[i]!;
            string what = $"gradient of input {i}";
            var numerical = FiniteDifferences.VectorJacobianProduct(autoNetFunction, inputs, i, run.GradOutput, options.Eps, caller);
            var fd = ParityComparer.Compare(what, ours, ours.DType == DType.Float64 ? numerical : numerical.To(ours.DType),
                options.FiniteDifferenceTolerance, "finite differences");
            var torchComparison = run.TorchGradients[i] is { } theirs
                ? ParityComparer.Compare(what, ours, theirs, options.ToleranceFor(ours.DType))
                : null;
            var handComparison = hand?[i] is { } h
                ? ParityComparer.Compare(what, ours, h, options.HandWrittenToleranceFor(ours.DType), "hand-written")
                : null;
            checks.Add(new InputGradientCheck(i, fd, torchComparison, handComparison, forward.Passed));
        }
        return new ThreeWayResult(name, inputs.Length, forward, checks);
    }

    private static Tensor?[]? HandWrittenGradients(Func<Tensor[], Tensor, Tensor?[]>? handWritten, Tensor[] inputs, bool[] differentiate,
        Tensor gradOutput, string caller)
    {
        if (handWritten is null) return null;
        var copies = inputs.Select(t => TensorCopies.Leaf(t, requiresGrad: false)).ToArray();
        Tensor?[] result;
        using (Autograd.NoGrad()) result = handWritten(copies, TensorCopies.Leaf(gradOutput, requiresGrad: false));
        if (result is null || result.Length != inputs.Length)
            throw new InvalidOperationException(
                $"{caller}: the hand-written gradient function returned {(result is null ? "null" : $"{result.Length} gradients")}; expected one per input ({inputs.Length}).");
        for (int i = 0; i < inputs.Length; i++)
            if (differentiate[i] && result[i] is null)
                throw new InvalidOperationException($"{caller}: the hand-written gradient function returned null for input {i}, which is not a constant input.");
        return result;
    }
}
