using System.Runtime.CompilerServices;
using System.Globalization;

namespace AutoNet.Optim;

/// <summary>
/// Adam, PyTorch's update rule step for step (<c>_single_tensor_adam</c>, PyTorch 1.13). For each parameter p
/// with gradient g, at step t (counted per parameter, from 1):
/// <code>
/// g ← g + weightDecay · p                                  (if weightDecay ≠ 0: L2 penalty)
/// m ← beta1 · m + (1 - beta1) · g
/// v ← beta2 · v + (1 - beta2) · g · g
/// v̂ ← max(v̂, v) and use v̂ below instead of v            (if amsgrad)
/// denom ← √v / √(1 - beta2^t) + eps
/// p ← p - (lr / (1 - beta1^t)) · m / denom
/// </code>
/// PyTorch: <c>torch.optim.Adam</c>.
/// </summary>
public class Adam : Optimizer
{
    private readonly bool _decoupled;

    /// <summary>Creates the optimiser.</summary>
    /// <param name="parameters">The parameters to update (e.g. <c>model.Parameters()</c>).</param>
    /// <param name="lr">Learning rate, finite and &gt;= 0.</param>
    /// <param name="beta1">Decay rate of the first moment, in [0, 1).</param>
    /// <param name="beta2">Decay rate of the second moment, in [0, 1).</param>
    /// <param name="eps">Added to the denominator for numerical stability, finite and &gt;= 0.</param>
    /// <param name="weightDecay">L2 penalty added to the gradient, finite and &gt;= 0.</param>
    /// <param name="amsgrad">Use the running maximum of the second moment (AMSGrad).</param>
    /// <exception cref="ArgumentException">A setting is out of range (the message names it).</exception>
    [OverloadResolutionPriority(1)] // new Adam([], ...) means an empty parameter list, as before groups existed
    public Adam(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 0, bool amsgrad = false)
        : this(parameters, lr, beta1, beta2, eps, weightDecay, amsgrad, decoupledWeightDecay: false)
    {
    }

    /// <summary>The shared constructor of Adam and <see cref="AdamW"/>, which differ only in how weight decay is applied.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="lr">Learning rate.</param>
    /// <param name="beta1">Decay rate of the first moment.</param>
    /// <param name="beta2">Decay rate of the second moment.</param>
    /// <param name="eps">Added to the denominator.</param>
    /// <param name="weightDecay">Weight decay coefficient.</param>
    /// <param name="amsgrad">Use AMSGrad.</param>
    /// <param name="decoupledWeightDecay">False: L2 penalty added to the gradient (Adam); true: p ← p · (1 - lr · weightDecay) (AdamW).</param>
    protected Adam(IEnumerable<Tensor> parameters, double lr, double beta1, double beta2, double eps, double weightDecay, bool amsgrad,
        bool decoupledWeightDecay)
        : base(parameters, lr)
    {
        _decoupled = decoupledWeightDecay;
        (Beta1, Beta2, Eps, WeightDecay, Amsgrad) = (beta1, beta2, eps, weightDecay, amsgrad);
        InitGroups();
    }

    /// <summary>Creates the optimiser over parameter groups (each option a group leaves null takes the argument here).</summary>
    /// <param name="groups">Parameter groups; each option a group leaves null takes the argument given here.</param>
    /// <param name="lr">Learning rate, finite and &gt;= 0.</param>
    /// <param name="beta1">Decay rate of the first moment, in [0, 1).</param>
    /// <param name="beta2">Decay rate of the second moment, in [0, 1).</param>
    /// <param name="eps">Added to the denominator for numerical stability, finite and &gt;= 0.</param>
    /// <param name="weightDecay">L2 penalty added to the gradient, finite and &gt;= 0.</param>
    /// <param name="amsgrad">Use the running maximum of the second moment (AMSGrad).</param>
    /// <exception cref="ArgumentException">A setting is out of range (the message names it and the group).</exception>
    public Adam(IEnumerable<ParameterGroup> groups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 0, bool amsgrad = false)
        : this(groups, lr, beta1, beta2, eps, weightDecay, amsgrad, decoupledWeightDecay: false)
    {
    }

    /// <summary>The shared group constructor of Adam and <see cref="AdamW"/>.</summary>
    /// <param name="groups">Parameter groups; each option a group leaves null takes the argument given here.</param>
    /// <param name="lr">Learning rate.</param>
    /// <param name="beta1">Decay rate of the first moment.</param>
    /// <param name="beta2">Decay rate of the second moment.</param>
    /// <param name="eps">Added to the denominator.</param>
    /// <param name="weightDecay">Weight decay coefficient.</param>
    /// <param name="amsgrad">Use AMSGrad.</param>
    /// <param name="decoupledWeightDecay">False: L2 penalty added to the gradient (Adam); true: p ← p · (1 - lr · weightDecay) (AdamW).</param>
    protected Adam(IEnumerable<ParameterGroup> groups, double lr, double beta1, double beta2, double eps, double weightDecay, bool amsgrad,
        bool decoupledWeightDecay)
        : base(groups, lr)
    {
        _decoupled = decoupledWeightDecay;
        (Beta1, Beta2, Eps, WeightDecay, Amsgrad) = (beta1, beta2, eps, weightDecay, amsgrad);
        InitGroups();
    }

    /// <summary>Decay rate of the first moment. PyTorch: <c>betas[0]</c>.</summary>
    public double Beta1 { get; private set; }

    /// <summary>Decay rate of the second moment. PyTorch: <c>betas[1]</c>.</summary>
    public double Beta2 { get; private set; }

    /// <summary>Term added to the denominator. PyTorch: <c>eps</c>.</summary>
    public double Eps { get; private set; }

    /// <summary>Weight decay: an L2 penalty for Adam, decoupled for <see cref="AdamW"/>. PyTorch: <c>weight_decay</c>.</summary>
    public double WeightDecay { get; private set; }

    /// <summary>Whether the AMSGrad variant is used. PyTorch: <c>amsgrad</c>.</summary>
    public bool Amsgrad { get; private set; }

    /// <inheritdoc/>
    protected override void Update(int index, Tensor parameter, Tensor grad)
    {
        var state = GetState(index) ?? InitState(index);
        double step = IncrementStep(state[StepKey]);
        var h = new AdamHyper(LearningRate, Beta1, Beta2, Eps, WeightDecay);
        if (parameter.DType == DType.Float32)
            OptimMath.AdamStep(parameter.Span<float>(), grad.Span<float>(), state["exp_avg"].Span<float>(), state["exp_avg_sq"].Span<float>(),
                Amsgrad ? state["max_exp_avg_sq"].Span<float>() : default, h, step, _decoupled);
        else
            OptimMath.AdamStep(parameter.Span<double>(), grad.Span<double>(), state["exp_avg"].Span<double>(), state["exp_avg_sq"].Span<double>(),
                Amsgrad ? state["max_exp_avg_sq"].Span<double>() : default, h, step, _decoupled);
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<string> StateKeys() =>
        Amsgrad ? [StepKey, "exp_avg", "exp_avg_sq", "max_exp_avg_sq"] : [StepKey, "exp_avg", "exp_avg_sq"];

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, double[] Value)> Hyperparameters() =>
        [("betas", [Beta1, Beta2]), ("eps", [Eps]), ("weight_decay", [WeightDecay]), ("amsgrad", [Amsgrad ? 1 : 0])];

    /// <inheritdoc/>
    protected override void SetHyperparameters(IReadOnlyDictionary<string, double[]> values)
    {
        double beta1 = values["betas"][0], beta2 = values["betas"][1], eps = values["eps"][0], weightDecay = values["weight_decay"][0];
        bool amsgrad = Flag(values, "amsgrad");
        Validate(beta1, beta2, eps, weightDecay);
        (Beta1, Beta2, Eps, WeightDecay, Amsgrad) = (beta1, beta2, eps, weightDecay, amsgrad);
    }

    private void Validate(double beta1, double beta2, double eps, double weightDecay)
    {
        CheckRange(nameof(beta1), beta1, 0, 1);
        CheckRange(nameof(beta2), beta2, 0, 1);
        CheckNonNegative(nameof(eps), eps);
        CheckNonNegative(nameof(weightDecay), weightDecay);
    }

    /// <summary>The settings, e.g. <c>Adam(lr=0.001, betas=(0.9, 0.999), eps=1E-08, weightDecay=0, amsgrad=False)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{GetType().Name}(lr={LearningRate}, betas=({Beta1}, {Beta2}), eps={Eps}, weightDecay={WeightDecay}, amsgrad={(Amsgrad ? "True" : "False")})");
}
