using AutoNet.Internal;

namespace AutoNet.Optim;

/// <summary>
/// The base of optimisers: holds the parameters, clears their gradients, and updates them in place from their
/// gradients in <see cref="Step"/>. Every optimiser updates the same way (PyTorch's in-place ops under
/// <c>torch.no_grad()</c>): <see cref="Step"/> opens <c>NoGrad</c>, <see cref="Update"/> rewrites the parameter's
/// and its state's elements in place in one loop over spans (<see cref="OptimMath"/>: each line names the PyTorch
/// line it reproduces, no tensor is created per step), and <see cref="Step"/> then bumps the version of the parameter
/// and of each state tensor, so a graph that saved their old values refuses to use them. Per-parameter state
/// (momentum buffers, Adam moments, step counts) is kept here, one ordered set of named tensors per parameter
/// (PyTorch's <c>optimizer.state[p]</c>), so that <see cref="StateDict"/> can save it and
/// <see cref="LoadStateDict"/> restore it. PyTorch: <c>torch.optim.Optimizer</c> (one parameter group).
/// </summary>
public abstract partial class Optimizer
{
    private readonly Tensor[] _parameters;
    private readonly OrderedDictionary<string, Tensor>?[] _state;
    private double _lr;

    /// <summary>Validates and stores the parameters and learning rate.</summary>
    /// <exception cref="ArgumentException">No parameters, a parameter that is not a leaf requiring grad, the same
    /// parameter twice, or a bad learning rate.</exception>
    protected Optimizer(IEnumerable<Tensor> parameters, double lr)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters.ToArray();
        if (_parameters.Length == 0)
            throw new ArgumentException($"{GetType().Name}: got an empty parameter list; pass model.Parameters().", nameof(parameters));
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < _parameters.Length; i++)
        {
            if (_parameters[i] is null) throw new ArgumentNullException(nameof(parameters), $"{GetType().Name}: parameter {i} is null.");
            if (!_parameters[i].IsLeaf || !_parameters[i].RequiresGrad)
                throw new ArgumentException(
                    $"{GetType().Name}: parameter {i} (shape {ShapeUtil.Format(_parameters[i].ShapeArray)}) must be a leaf tensor that requires grad.", nameof(parameters));
            if (!seen.Add(_parameters[i]))
                throw new ArgumentException($"{GetType().Name}: parameter {i} appears more than once in the parameter list.", nameof(parameters));
        }
        _state = new OrderedDictionary<string, Tensor>?[_parameters.Length];
        CheckLearningRate(lr, nameof(lr));
        _lr = lr;
    }

    /// <summary>The parameters being optimised, in the order given.</summary>
    public IReadOnlyList<Tensor> Parameters => _parameters;

    /// <summary>The learning rate (schedulers change it between steps). PyTorch: <c>param_groups[0]["lr"]</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN, infinite or negative.</exception>
    public double LearningRate
    {
        get => _lr;
        set
        {
            CheckLearningRate(value, nameof(value));
            _lr = value;
        }
    }

    /// <summary>Resets every parameter's gradient to null. PyTorch: <c>zero_grad()</c> (set_to_none=True).</summary>
    public void ZeroGrad()
    {
        foreach (var p in _parameters) p.Grad = null;
    }

    /// <summary>Updates every parameter that has a gradient (one without is skipped, and its state does not
    /// advance). PyTorch: <c>step()</c>.</summary>
    public void Step()
    {
        using var _ = Autograd.NoGrad();
        for (int i = 0; i < _parameters.Length; i++)
        {
            if (_parameters[i].Grad is not { } grad) continue;
            // Update reads spans: a parameter or Grad that is a non-contiguous view is updated through a copy.
            var parameter = Ops.Contiguous.Values(_parameters[i]);
            Update(i, parameter, Ops.Contiguous.Values(grad));
            if (!ReferenceEquals(parameter, _parameters[i])) Ops.Contiguous.Write(_parameters[i], parameter);
            _parameters[i].BumpVersion();                   // the in-place ops of PyTorch's step bump these versions
            if (_state[i] is { } state)
                foreach (var t in state.Values) t.BumpVersion();
        }
    }

    /// <summary>
    /// Applies the update rule to parameter <paramref name="index"/> in place: write the new values into the
    /// parameter's and its state tensors' spans (no new tensors), one element loop with each line commented with the
    /// PyTorch line it reproduces. <see cref="Step"/> runs it inside <c>NoGrad</c> and bumps the versions afterwards.
    /// </summary>
    /// <param name="index">The parameter's position in <see cref="Parameters"/> (for per-parameter state).</param>
    /// <param name="parameter">The parameter to change in place.</param>
    /// <param name="grad">Its gradient (read only; same shape and dtype as the parameter, as the <c>Grad</c> setter ensures).</param>
    protected abstract void Update(int index, Tensor parameter, Tensor grad);

    /// <summary>
    /// The state of parameter <paramref name="index"/> (PyTorch: <c>state[p]</c>), or null before its first
    /// update. Keys are PyTorch's (<c>exp_avg</c>, <c>step</c>, ...).
    /// </summary>
    protected OrderedDictionary<string, Tensor>? GetState(int index) => _state[index];

    /// <summary>
    /// Creates the state of parameter <paramref name="index"/>: one tensor per name of <see cref="StateKeys"/>,
    /// zero-filled with the parameter's shape and dtype (or filled with <paramref name="fill"/>), except
    /// <c>step</c>, a float64 scalar 0.
    /// </summary>
    protected OrderedDictionary<string, Tensor> InitState(int index, double fill = 0)
    {
        var p = _parameters[index];
        var state = new OrderedDictionary<string, Tensor>();
        foreach (var key in StateKeys())
            state[key] = key == StepKey ? Tensor.Scalar(0.0) : Tensor.Full((int[])p.ShapeArray.Clone(), fill, p.DType);
        return _state[index] = state;
    }

    /// <summary>The name of the per-parameter step count (a float64 scalar tensor, as PyTorch's float tensor).</summary>
    protected const string StepKey = "step";

    /// <summary>Adds one to a step-count tensor and returns the new count. PyTorch: <c>step_t += 1; step_t.item()</c>.</summary>
    protected static double IncrementStep(Tensor step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var s = step.Span<double>();
        return s[0] += 1;
    }

    /// <summary>
    /// The names of the tensors this optimiser keeps per parameter with its current settings, in PyTorch's
    /// order (e.g. <c>step</c>, <c>exp_avg</c>, <c>exp_avg_sq</c>); empty when it keeps none.
    /// </summary>
    protected abstract IReadOnlyList<string> StateKeys();

    /// <summary>
    /// The hyperparameters other than the learning rate, named as in PyTorch's <c>param_groups</c>
    /// (<c>betas</c> has two values; a flag is 0 or 1).
    /// </summary>
    protected abstract IEnumerable<(string Name, double[] Value)> Hyperparameters();

    /// <summary>
    /// Sets the hyperparameters named by <see cref="Hyperparameters"/> from loaded values (each present, with
    /// the right length). Validate every value before changing any, and throw an <see cref="ArgumentException"/>
    /// naming the bad one.
    /// </summary>
    protected abstract void SetHyperparameters(IReadOnlyDictionary<string, double[]> values);

    /// <summary>Throws unless <paramref name="value"/> is finite and within [min, max) (or [min, max] when <paramref name="maxInclusive"/>).</summary>
    protected void CheckRange(string name, double value, double min, double max, bool maxInclusive = false)
    {
        bool ok = !double.IsNaN(value) && value >= min && (maxInclusive ? value <= max : value < max);
        if (!ok)
            throw new ArgumentOutOfRangeException(name, value,
                $"{GetType().Name}: {name} must be in [{min}, {max}{(maxInclusive ? "]" : ")")}, got {value}.");
    }

    /// <summary>Throws unless <paramref name="value"/> is a finite number &gt;= 0.</summary>
    protected void CheckNonNegative(string name, double value)
    {
        if (!double.IsFinite(value) || value < 0)
            throw new ArgumentOutOfRangeException(name, value, $"{GetType().Name}: {name} must be a finite number >= 0, got {value}.");
    }

    private void CheckLearningRate(double value, string paramName)
    {
        if (double.IsNaN(value) || value < 0 || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(paramName, value, $"{GetType().Name}: learning rate must be a finite number >= 0, got {value}.");
    }
}
