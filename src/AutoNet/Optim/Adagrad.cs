using System.Runtime.CompilerServices;
using System.Globalization;
using System.Numerics;
using static AutoNet.Optim.OptimMath;

namespace AutoNet.Optim;

/// <summary>
/// Adagrad, PyTorch's update rule step for step (<c>_single_tensor_adagrad</c>, PyTorch 1.13, dense gradients).
/// Every parameter starts with its sum filled with <c>initialAccumulatorValue</c>; then, at step t (counted per
/// parameter, from 1), for gradient g:
/// <code>
/// g ← g + weightDecay · p                     (if weightDecay ≠ 0)
/// clr ← lr / (1 + (t - 1) · lrDecay)
/// sum ← sum + g · g
/// p ← p - clr · g / (√sum + eps)
/// </code>
/// PyTorch: <c>torch.optim.Adagrad</c>.
/// </summary>
public sealed class Adagrad : Optimizer
{
    /// <summary>Creates the optimiser and each parameter's accumulator.</summary>
    /// <param name="parameters">The parameters to update (e.g. <c>model.Parameters()</c>).</param>
    /// <param name="lr">Learning rate, finite and &gt;= 0.</param>
    /// <param name="lrDecay">Learning-rate decay per step, finite and &gt;= 0.</param>
    /// <param name="weightDecay">L2 penalty added to the gradient, finite and &gt;= 0.</param>
    /// <param name="initialAccumulatorValue">Starting value of every accumulator element, finite and &gt;= 0.</param>
    /// <param name="eps">Added to the denominator for numerical stability, finite and &gt;= 0.</param>
    /// <exception cref="ArgumentException">A setting is out of range (the message names it).</exception>
    [OverloadResolutionPriority(1)] // new Adagrad([], ...) means an empty parameter list, as before groups existed
    public Adagrad(IEnumerable<Tensor> parameters, double lr = 1e-2, double lrDecay = 0, double weightDecay = 0,
        double initialAccumulatorValue = 0, double eps = 1e-10)
        : base(parameters, lr)
    {
        (LrDecay, WeightDecay, InitialAccumulatorValue, Eps) = (lrDecay, weightDecay, initialAccumulatorValue, eps);
        InitGroups();
        InitEveryState(g => g.InitialAccumulatorValue!.Value);
    }

    /// <summary>Creates the optimiser over parameter groups (each option a group leaves null takes the argument here)
    /// and each parameter's accumulator (from its group's initial value).</summary>
    /// <param name="groups">Parameter groups; each option a group leaves null takes the argument given here.</param>
    /// <param name="lr">Learning rate, finite and &gt;= 0.</param>
    /// <param name="lrDecay">Learning-rate decay per step, finite and &gt;= 0.</param>
    /// <param name="weightDecay">L2 penalty added to the gradient, finite and &gt;= 0.</param>
    /// <param name="initialAccumulatorValue">Starting value of every accumulator element, finite and &gt;= 0.</param>
    /// <param name="eps">Added to the denominator for numerical stability, finite and &gt;= 0.</param>
    /// <exception cref="ArgumentException">A setting is out of range (the message names it and the group).</exception>
    public Adagrad(IEnumerable<ParameterGroup> groups, double lr = 1e-2, double lrDecay = 0, double weightDecay = 0,
        double initialAccumulatorValue = 0, double eps = 1e-10)
        : base(groups, lr)
    {
        (LrDecay, WeightDecay, InitialAccumulatorValue, Eps) = (lrDecay, weightDecay, initialAccumulatorValue, eps);
        InitGroups();
        InitEveryState(g => g.InitialAccumulatorValue!.Value);
    }

    /// <summary>Learning-rate decay. PyTorch: <c>lr_decay</c>.</summary>
    public double LrDecay { get; private set; }

    /// <summary>L2 penalty. PyTorch: <c>weight_decay</c>.</summary>
    public double WeightDecay { get; private set; }

    /// <summary>Starting value of the accumulators. PyTorch: <c>initial_accumulator_value</c>.</summary>
    public double InitialAccumulatorValue { get; private set; }

    /// <summary>Term added to the denominator. PyTorch: <c>eps</c>.</summary>
    public double Eps { get; private set; }

    /// <inheritdoc/>
    protected override bool StateAlwaysPresent => true;

    /// <inheritdoc/>
    protected override void Update(int index, Tensor parameter, Tensor grad)
    {
        var state = GetState(index) ?? InitState(index, fill: InitialAccumulatorValue);
        double step = IncrementStep(state[StepKey]);                         // step_t += 1; step = step_t.item()
        double clr = LearningRate / (1 + (step - 1) * LrDecay);             // clr = lr / (1 + (step - 1) * lr_decay)
        if (parameter.DType == DType.Float32) Run<float>(state, parameter, grad, clr);
        else Run<double>(state, parameter, grad, clr);
    }

    private void Run<T>(OrderedDictionary<string, Tensor> state, Tensor parameter, Tensor grad, double clr) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> p = parameter.Span<T>(), sum = state["sum"].Span<T>();
        ReadOnlySpan<T> g = grad.Span<T>();
        T weightDecay = S<T>(WeightDecay), eps = S<T>(Eps), negClr = S<T>(-clr);
        for (int i = 0; i < p.Length; i++)
        {
            T gi = g[i];
            if (WeightDecay != 0) gi = AddScaled(gi, p[i], weightDecay);   // grad = grad.add(param, alpha=weight_decay)
            T s = sum[i] = AddCMul(sum[i], gi, gi, T.One);                 // state_sum.addcmul_(grad, grad, value=1)
            T std = T.Sqrt(s) + eps;                                        // std = state_sum.sqrt().add_(eps)
            p[i] = AddCDiv(p[i], gi, std, negClr);                          // param.addcdiv_(grad, std, value=-clr)
        }
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<string> StateKeys() => [StepKey, "sum"];

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, double[] Value)> Hyperparameters() =>
        [("lr_decay", [LrDecay]), ("eps", [Eps]), ("weight_decay", [WeightDecay]), ("initial_accumulator_value", [InitialAccumulatorValue])];

    /// <inheritdoc/>
    protected override void SetHyperparameters(IReadOnlyDictionary<string, double[]> values)
    {
        double lrDecay = values["lr_decay"][0], eps = values["eps"][0], weightDecay = values["weight_decay"][0];
        double init = values["initial_accumulator_value"][0];
        Validate(lrDecay, weightDecay, init, eps);
        (LrDecay, WeightDecay, InitialAccumulatorValue, Eps) = (lrDecay, weightDecay, init, eps);
    }

    private void Validate(double lrDecay, double weightDecay, double initialAccumulatorValue, double eps)
    {
        CheckNonNegative(nameof(lrDecay), lrDecay);
        CheckNonNegative(nameof(weightDecay), weightDecay);
        CheckNonNegative(nameof(initialAccumulatorValue), initialAccumulatorValue);
        CheckNonNegative(nameof(eps), eps);
    }

    /// <summary>The settings, e.g. <c>Adagrad(lr=0.01, lrDecay=0, weightDecay=0, initialAccumulatorValue=0, eps=1E-10)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Adagrad(lr={LearningRate}, lrDecay={LrDecay}, weightDecay={WeightDecay}, initialAccumulatorValue={InitialAccumulatorValue}, eps={Eps})");
}
