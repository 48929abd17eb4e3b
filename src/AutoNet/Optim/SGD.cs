using System.Globalization;
using AutoNet.Kernels;

namespace AutoNet.Optim;

/// <summary>
/// Stochastic gradient descent, PyTorch's update rule step for step. For each parameter p with gradient g:
/// <code>
/// g ← g + weightDecay · p                         (if weightDecay ≠ 0)
/// b ← g on the first step, else momentum · b + (1 - dampening) · g   (if momentum ≠ 0)
/// g ← g + momentum · b if nesterov, else b
/// p ← p - lr · g
/// </code>
/// PyTorch: <c>torch.optim.SGD</c>.
/// </summary>
public sealed class SGD : Optimizer
{
    private readonly Tensor?[] _momentumBuffers;

    /// <summary>Creates the optimiser.</summary>
    /// <param name="parameters">The parameters to update (e.g. <c>model.Parameters()</c>).</param>
    /// <param name="lr">Learning rate, finite and >= 0.</param>
    /// <param name="momentum">Momentum factor in [0, 1).</param>
    /// <param name="dampening">Dampening for momentum, in [0, 1].</param>
    /// <param name="weightDecay">L2 penalty, >= 0.</param>
    /// <param name="nesterov">Use Nesterov momentum (needs momentum > 0 and dampening = 0).</param>
    public SGD(IEnumerable<Tensor> parameters, double lr, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false)
        : base(parameters, lr)
    {
        CheckRange(nameof(momentum), momentum, 0, 1);
        CheckRange(nameof(dampening), dampening, 0, 1, maxInclusive: true);
        CheckRange(nameof(weightDecay), weightDecay, 0, double.MaxValue, maxInclusive: true);
        if (nesterov && (momentum <= 0 || dampening != 0))
            throw new ArgumentException($"SGD: nesterov requires momentum > 0 and dampening = 0, got momentum {momentum} and dampening {dampening}.", nameof(nesterov));
        Momentum = momentum;
        Dampening = dampening;
        WeightDecay = weightDecay;
        Nesterov = nesterov;
        _momentumBuffers = new Tensor?[Parameters.Count];
    }

    /// <summary>Momentum factor.</summary>
    public double Momentum { get; }

    /// <summary>Dampening for momentum.</summary>
    public double Dampening { get; }

    /// <summary>L2 penalty.</summary>
    public double WeightDecay { get; }

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc/>
    protected override void Update(int index, Tensor parameter, Tensor grad)
    {
        var g = grad;
        if (WeightDecay != 0) g = g + WeightDecay * parameter;
        if (Momentum != 0)
        {
            var buffer = _momentumBuffers[index];
            if (buffer is null) _momentumBuffers[index] = buffer = InPlace.Clone(g);
            else
            {
                InPlace.Scale(buffer, Momentum);
                InPlace.AddScaled(buffer, g, 1 - Dampening);
            }
            g = Nesterov ? g + Momentum * buffer : buffer;
        }
        InPlace.AddScaled(parameter, g, -LearningRate);
    }

    /// <summary>The settings, e.g. <c>SGD(lr=0.1, momentum=0, dampening=0, weightDecay=0, nesterov=False)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"SGD(lr={LearningRate}, momentum={Momentum}, dampening={Dampening}, weightDecay={WeightDecay}, nesterov={(Nesterov ? "True" : "False")})");
}
