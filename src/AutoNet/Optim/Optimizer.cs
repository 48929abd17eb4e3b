using AutoNet.Internal;

namespace AutoNet.Optim;

/// <summary>
/// The base of optimisers: holds the parameters, clears their gradients, and updates them in place from their
/// gradients in <see cref="Step"/> (inside <c>NoGrad</c>, so the update is not recorded). Per-parameter state
/// (momentum buffers, Adam moments) lives in the subclass, indexed like <see cref="Parameters"/>.
/// PyTorch: <c>torch.optim.Optimizer</c>.
/// </summary>
public abstract class Optimizer
{
    private readonly Tensor[] _parameters;
    private double _lr;

    /// <summary>Validates and stores the parameters and learning rate.</summary>
    /// <exception cref="ArgumentException">No parameters, a parameter that is not a leaf requiring grad, or a bad learning rate.</exception>
    protected Optimizer(IEnumerable<Tensor> parameters, double lr)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters.ToArray();
        if (_parameters.Length == 0)
            throw new ArgumentException($"{GetType().Name}: got an empty parameter list; pass model.Parameters().", nameof(parameters));
        for (int i = 0; i < _parameters.Length; i++)
        {
            if (_parameters[i] is null) throw new ArgumentNullException(nameof(parameters), $"{GetType().Name}: parameter {i} is null.");
            if (!_parameters[i].IsLeaf || !_parameters[i].RequiresGrad)
                throw new ArgumentException(
                    $"{GetType().Name}: parameter {i} (shape {ShapeUtil.Format(_parameters[i].ShapeArray)}) must be a leaf tensor that requires grad.", nameof(parameters));
        }
        if (double.IsNaN(lr) || lr < 0 || double.IsInfinity(lr))
            throw new ArgumentOutOfRangeException(nameof(lr), lr, $"{GetType().Name}: learning rate must be a finite number >= 0, got {lr}.");
        _lr = lr;
    }

    /// <summary>The parameters being optimised, in the order given.</summary>
    public IReadOnlyList<Tensor> Parameters => _parameters;

    /// <summary>The learning rate (schedulers change it between steps). PyTorch: <c>param_groups[0]["lr"]</c>.</summary>
    public double LearningRate
    {
        get => _lr;
        set
        {
            if (double.IsNaN(value) || value < 0 || double.IsInfinity(value))
                throw new ArgumentOutOfRangeException(nameof(value), value, $"{GetType().Name}: learning rate must be a finite number >= 0, got {value}.");
            _lr = value;
        }
    }

    /// <summary>Resets every parameter's gradient to null. PyTorch: <c>zero_grad()</c> (set_to_none=True).</summary>
    public void ZeroGrad()
    {
        foreach (var p in _parameters) p.Grad = null;
    }

    /// <summary>Updates every parameter that has a gradient. PyTorch: <c>step()</c>.</summary>
    public void Step()
    {
        using var _ = Autograd.NoGrad();
        for (int i = 0; i < _parameters.Length; i++)
            if (_parameters[i].Grad is { } grad) Update(i, _parameters[i], grad);
    }

    /// <summary>Applies the update rule to parameter <paramref name="index"/> in place.</summary>
    /// <param name="index">The parameter's position in <see cref="Parameters"/> (for per-parameter state).</param>
    /// <param name="parameter">The parameter to change in place.</param>
    /// <param name="grad">Its gradient (read only).</param>
    protected abstract void Update(int index, Tensor parameter, Tensor grad);

    /// <summary>Throws unless <paramref name="value"/> is finite and within [min, max) (or [min, max] when <paramref name="maxInclusive"/>).</summary>
    protected void CheckRange(string name, double value, double min, double max, bool maxInclusive = false)
    {
        bool ok = !double.IsNaN(value) && value >= min && (maxInclusive ? value <= max : value < max);
        if (!ok)
            throw new ArgumentOutOfRangeException(name, value,
                $"{GetType().Name}: {name} must be in [{min}, {max}{(maxInclusive ? "]" : ")")}, got {value}.");
    }
}
