using System.Runtime.CompilerServices;
using System.Globalization;
using System.Numerics;
using static AutoNet.Optim.OptimMath;

namespace AutoNet.Optim;

/// <summary>
/// RMSprop, PyTorch's update rule step for step (<c>_single_tensor_rmsprop</c>, PyTorch 1.13). For each
/// parameter p with gradient g:
/// <code>
/// g ← g + weightDecay · p                              (if weightDecay ≠ 0)
/// s ← alpha · s + (1 - alpha) · g · g                  (square_avg)
/// a ← alpha · a + (1 - alpha) · g;  avg ← √(s - a · a) (if centered: grad_avg a)
/// avg ← √s                                            (otherwise)
/// avg ← avg + eps
/// b ← momentum · b + g / avg;  p ← p - lr · b          (if momentum &gt; 0: momentum_buffer b)
/// p ← p - lr · g / avg                                 (otherwise)
/// </code>
/// PyTorch: <c>torch.optim.RMSprop</c>.
/// </summary>
public sealed class RMSprop : Optimizer
{
    /// <summary>Creates the optimiser.</summary>
    /// <param name="parameters">The parameters to update (e.g. <c>model.Parameters()</c>).</param>
    /// <param name="lr">Learning rate, finite and &gt;= 0.</param>
    /// <param name="alpha">Smoothing constant of the squared-gradient average, in [0, 1].</param>
    /// <param name="eps">Added to the denominator for numerical stability, finite and &gt;= 0.</param>
    /// <param name="weightDecay">L2 penalty added to the gradient, finite and &gt;= 0.</param>
    /// <param name="momentum">Momentum factor, in [0, 1).</param>
    /// <param name="centered">Normalise by the estimated variance of the gradient instead of its second moment.</param>
    /// <exception cref="ArgumentException">A setting is out of range (the message names it).</exception>
    [OverloadResolutionPriority(1)] // new RMSprop([], ...) means an empty parameter list, as before groups existed
    public RMSprop(IEnumerable<Tensor> parameters, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8,
        double weightDecay = 0, double momentum = 0, bool centered = false)
        : base(parameters, lr)
    {
        (Alpha, Eps, WeightDecay, Momentum, Centered) = (alpha, eps, weightDecay, momentum, centered);
        InitGroups();
    }

    /// <summary>Creates the optimiser over parameter groups (each option a group leaves null takes the argument here).</summary>
    /// <param name="groups">Parameter groups; each option a group leaves null takes the argument given here.</param>
    /// <param name="lr">Learning rate, finite and &gt;= 0.</param>
    /// <param name="alpha">Smoothing constant of the squared-gradient average, in [0, 1].</param>
    /// <param name="eps">Added to the denominator for numerical stability, finite and &gt;= 0.</param>
    /// <param name="weightDecay">L2 penalty added to the gradient, finite and &gt;= 0.</param>
    /// <param name="momentum">Momentum factor, in [0, 1).</param>
    /// <param name="centered">Normalise by the estimated variance of the gradient instead of its second moment.</param>
    /// <exception cref="ArgumentException">A setting is out of range (the message names it and the group).</exception>
    public RMSprop(IEnumerable<ParameterGroup> groups, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8,
        double weightDecay = 0, double momentum = 0, bool centered = false)
        : base(groups, lr)
    {
        (Alpha, Eps, WeightDecay, Momentum, Centered) = (alpha, eps, weightDecay, momentum, centered);
        InitGroups();
    }

    /// <summary>Smoothing constant. PyTorch: <c>alpha</c>.</summary>
    public double Alpha { get; private set; }

    /// <summary>Term added to the denominator. PyTorch: <c>eps</c>.</summary>
    public double Eps { get; private set; }

    /// <summary>L2 penalty. PyTorch: <c>weight_decay</c>.</summary>
    public double WeightDecay { get; private set; }

    /// <summary>Momentum factor. PyTorch: <c>momentum</c>.</summary>
    public double Momentum { get; private set; }

    /// <summary>Whether the centered variant is used. PyTorch: <c>centered</c>.</summary>
    public bool Centered { get; private set; }

    /// <inheritdoc/>
    protected override void Update(int index, Tensor parameter, Tensor grad)
    {
        var state = GetState(index) ?? InitState(index);
        IncrementStep(state[StepKey]);                                       // state['step'] += 1 (not used by the rule)
        if (parameter.DType == DType.Float32) Run<float>(state, parameter, grad);
        else Run<double>(state, parameter, grad);
    }

    private void Run<T>(OrderedDictionary<string, Tensor> state, Tensor parameter, Tensor grad) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> p = parameter.Span<T>(), squareAvg = state["square_avg"].Span<T>();
        ReadOnlySpan<T> g = grad.Span<T>();
        Span<T> buf = Momentum > 0 ? state["momentum_buffer"].Span<T>() : default;
        Span<T> gradAvg = Centered ? state["grad_avg"].Span<T>() : default;
        T alpha = S<T>(Alpha), oneMinusAlpha = S<T>(1 - Alpha), eps = S<T>(Eps), weightDecay = S<T>(WeightDecay);
        T momentum = S<T>(Momentum), negLr = S<T>(-LearningRate), one = T.One, minusOne = -T.One;
        for (int i = 0; i < p.Length; i++)
        {
            T gi = g[i];
            if (WeightDecay != 0) gi = AddScaled(gi, p[i], weightDecay);          // grad = grad.add(param, alpha=weight_decay)
            T s = squareAvg[i] = AddCMul(squareAvg[i] * alpha, gi, gi, oneMinusAlpha); // square_avg.mul_(alpha).addcmul_(grad, grad, value=1 - alpha)
            T avg;
            if (Centered)
            {
                T a = gradAvg[i] = AddScaled(gradAvg[i] * alpha, gi, oneMinusAlpha); // grad_avg.mul_(alpha).add_(grad, alpha=1 - alpha)
                avg = T.Sqrt(AddCMul(s, a, a, minusOne));                           // square_avg.addcmul(grad_avg, grad_avg, value=-1).sqrt_()
            }
            else avg = T.Sqrt(s);                                                  // square_avg.sqrt()
            avg += eps;                                                            // avg.add_(eps)
            if (Momentum > 0)
            {
                T b = buf[i] = AddCDiv(buf[i] * momentum, gi, avg, one);          // buf.mul_(momentum).addcdiv_(grad, avg)
                p[i] = AddScaled(p[i], b, negLr);                                  // param.add_(buf, alpha=-lr)
            }
            else p[i] = AddCDiv(p[i], gi, avg, negLr);                             // param.addcdiv_(grad, avg, value=-lr)
        }
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<string> StateKeys()
    {
        var keys = new List<string> { StepKey, "square_avg" };
        if (Momentum > 0) keys.Add("momentum_buffer");
        if (Centered) keys.Add("grad_avg");
        return keys;
    }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, double[] Value)> Hyperparameters() =>
        [("alpha", [Alpha]), ("eps", [Eps]), ("weight_decay", [WeightDecay]), ("momentum", [Momentum]), ("centered", [Centered ? 1 : 0])];

    /// <inheritdoc/>
    protected override void SetHyperparameters(IReadOnlyDictionary<string, double[]> values)
    {
        double alpha = values["alpha"][0], eps = values["eps"][0], weightDecay = values["weight_decay"][0], momentum = values["momentum"][0];
        bool centered = Flag(values, "centered");
        Validate(alpha, eps, weightDecay, momentum);
        (Alpha, Eps, WeightDecay, Momentum, Centered) = (alpha, eps, weightDecay, momentum, centered);
    }

    private void Validate(double alpha, double eps, double weightDecay, double momentum)
    {
        CheckRange(nameof(alpha), alpha, 0, 1, maxInclusive: true);
        CheckNonNegative(nameof(eps), eps);
        CheckNonNegative(nameof(weightDecay), weightDecay);
        CheckRange(nameof(momentum), momentum, 0, 1);
    }

    /// <summary>The settings, e.g. <c>RMSprop(lr=0.01, alpha=0.99, eps=1E-08, weightDecay=0, momentum=0, centered=False)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"RMSprop(lr={LearningRate}, alpha={Alpha}, eps={Eps}, weightDecay={WeightDecay}, momentum={Momentum}, centered={(Centered ? "True" : "False")})");
}
