using AutoNet.Internal;

namespace AutoNet;

public static partial class Autograd
{
    /// <summary>
    /// In <see cref="GradCheckMode.Auto"/>, the full Jacobian is checked when the inputs hold at most this many
    /// elements in total and the outputs at most this many; larger problems get the random-direction check.
    /// </summary>
    public const int GradCheckFullModeMaxElements = 1024;

    /// <summary>
    /// Checks the gradients that backward computes for <paramref name="function"/> against central finite
    /// differences, as PyTorch's <c>torch.autograd.gradcheck(fn, inputs, eps, atol, rtol)</c> does. An entry passes
    /// when |analytical - numerical| &lt;= <paramref name="atol"/> + <paramref name="rtol"/> · |numerical|, where
    /// numerical = (f(x + eps·e) - f(x - eps·e)) / (2·eps).
    /// </summary>
    /// <remarks>
    /// The check runs in float64 on copies of the inputs (float32 inputs are promoted, and the result says so);
    /// the caller's tensors are never modified. The function should be pure: it is called twice per input element
    /// (full mode) or twice per input (fast mode), plus once for backward. A non-scalar output is handled: in full
    /// mode each of its elements is a row of the Jacobian (a backward pass with a one-hot gradient); in fast mode
    /// it is dotted with a random unit vector. Inputs that the output does not depend on must have numerical
    /// derivatives of 0. NaN anywhere fails the check.
    /// </remarks>
    /// <param name="function">The function to check; it receives the (float64) input copies, in order.</param>
    /// <param name="inputs">The point to check at; every input must have <c>RequiresGrad</c> set.</param>
    /// <param name="eps">The finite-difference step.</param>
    /// <param name="atol">The absolute tolerance.</param>
    /// <param name="rtol">The tolerance relative to |numerical|.</param>
    /// <param name="mode">Full Jacobian, random-direction check, or Auto (full up to
    /// <see cref="GradCheckFullModeMaxElements"/> elements). PyTorch: <c>fast_mode</c>.</param>
    /// <param name="seed">Seeds the random directions of the fast mode.</param>
    /// <returns>The outcome and the worst entry; call <see cref="GradCheckResult.ThrowIfFailed"/> to throw on failure.</returns>
    /// <exception cref="ArgumentException">An input is null or does not require grad, there are no inputs, or a
    /// tolerance is negative or NaN, or eps is not positive.</exception>
    /// <exception cref="InvalidOperationException">The function returned null, changed its output shape between
    /// calls, or backward returned a gradient of the wrong shape.</exception>
    public static GradCheckResult GradCheck(Func<Tensor[], Tensor> function, Tensor[] inputs, double eps = 1e-6,
        double atol = 1e-5, double rtol = 1e-3, GradCheckMode mode = GradCheckMode.Auto, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(function);
        var checker = new GradChecker("GradCheck", inputs, eps, atol, rtol, mode, seed);
        return checker.Run(x => [function(x)], _ => "");
    }

    /// <summary>
    /// Checks second-order gradients, as PyTorch's <c>torch.autograd.gradgradcheck</c>: the vector-Jacobian product
    /// g(x, v) = vᵀ·∂f/∂x, computed by <see cref="Grad"/> with <c>createGraph: true</c>, is itself checked with
    /// <see cref="GradCheck"/> against finite differences, with respect to both the inputs x and the grad_output v.
    /// </summary>
    /// <remarks>
    /// v is <paramref name="gradOutput"/> if given, else standard normal values of the output's shape drawn from a
    /// generator seeded with <paramref name="seed"/> (PyTorch draws a random grad_output too). Each input gradient
    /// is one output of the checked function, and v is one more input (the last); a failure names the input gradient,
    /// the input and the element.
    /// </remarks>
    /// <param name="function">The function whose second derivatives are checked.</param>
    /// <param name="inputs">The point to check at; every input must have <c>RequiresGrad</c> set.</param>
    /// <param name="eps">The finite-difference step.</param>
    /// <param name="atol">The absolute tolerance.</param>
    /// <param name="rtol">The tolerance relative to |numerical|.</param>
    /// <param name="mode">Full Jacobian, random-direction check, or Auto.</param>
    /// <param name="seed">Seeds the random grad_output and the fast mode's random directions.</param>
    /// <param name="gradOutput">The grad_output v (same shape as the function's output), or null for a random one.</param>
    /// <returns>The outcome and the worst entry.</returns>
    /// <exception cref="ArgumentException">As <see cref="GradCheck"/>, or <paramref name="gradOutput"/> has the wrong shape.</exception>
    /// <exception cref="InvalidOperationException">As <see cref="GradCheck"/>.</exception>
    public static GradCheckResult GradGradCheck(Func<Tensor[], Tensor> function, Tensor[] inputs, double eps = 1e-6,
        double atol = 1e-5, double rtol = 1e-3, GradCheckMode mode = GradCheckMode.Auto, int seed = 0, Tensor? gradOutput = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        var x = GradChecker.Validate("GradGradCheck", inputs, eps, atol, rtol, mode);
        int n = x.Length;
        var y = function(GradChecker.Copies(x, out _))
            ?? throw new InvalidOperationException("GradGradCheck: the function returned null; it must return a tensor.");
        Tensor v;
        if (gradOutput is null)
        {
            var random = new Random(seed);
            var values = new double[y.Count];
            for (int i = 0; i < values.Length; i++) values[i] = GradChecker.NextGaussian(random);
            v = new Tensor(new TensorStorage(values), (int[])y.ShapeArray.Clone(), DType.Float64);
        }
        else if (!gradOutput.ShapeArray.AsSpan().SequenceEqual(y.ShapeArray))
            throw new ArgumentException(
                $"GradGradCheck: gradOutput has shape {ShapeUtil.Format(gradOutput.ShapeArray)} but the function's output has shape {ShapeUtil.Format(y.ShapeArray)}; they must match.",
                nameof(gradOutput));
        else v = gradOutput.Detach();
        v.RequiresGrad = true;

        var checker = new GradChecker("GradGradCheck", [.. x, v], eps, atol, rtol, mode, seed);
        return checker.Run(all => VectorJacobianProduct(function, all[..n], all[n]), o => $"the gradient of input {o}",
            i => i == n ? "the grad_output v" : "");
    }

    /// <summary>vᵀ·∂f/∂x for each input, recorded (createGraph) so that it can be differentiated again; zeros for an
    /// input the output does not depend on.</summary>
    private static Tensor[] VectorJacobianProduct(Func<Tensor[], Tensor> function, Tensor[] x, Tensor v)
    {
        var y = function(x) ?? throw new InvalidOperationException("GradGradCheck: the function returned null; it must return a tensor.");
        var result = new Tensor[x.Length];
        Tensor?[] grads = y.RequiresGrad ? Grad([y], x, [v], createGraph: true) : new Tensor?[x.Length];
        for (int i = 0; i < x.Length; i++) result[i] = grads[i] ?? Tensor.ZerosLike(x[i]);
        return result;
    }
}
