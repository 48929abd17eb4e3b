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
/// <see cref="LoadStateDict"/> restore it. Parameters come in groups (<see cref="ParamGroups"/>), each with its own options. PyTorch: <c>torch.optim.Optimizer</c>.
/// </summary>
public abstract partial class Optimizer
{
    private readonly Tensor[] _parameters;
    private readonly OrderedDictionary<string, Tensor>?[] _state;
    private readonly ParameterGroup[] _groups;
    private readonly int[] _groupOf;       // parameter index -> group index
    private ParameterGroup _current;       // the group whose options the subclass's settings hold now (group 0 outside Step)
    private int _currentVersion = -1;      // _current.Version when they were read

    /// <summary>Validates and stores the parameters and learning rate, as one parameter group.</summary>
    /// <exception cref="ArgumentException">No parameters, a parameter that is not a leaf requiring grad, the same
    /// parameter twice, or a bad learning rate.</exception>
    protected Optimizer(IEnumerable<Tensor> parameters, double lr)
        : this([new ParameterGroup(parameters ?? throw new ArgumentNullException(nameof(parameters)))], lr, nameof(parameters))
    {
    }

    /// <summary>
    /// Validates and stores parameter groups; <paramref name="lr"/> is the learning rate of groups that set none.
    /// The subclass's constructor sets its own defaults and then calls <see cref="InitGroups"/>.
    /// PyTorch: <c>Optimizer(params, defaults)</c> with a list of dicts.
    /// </summary>
    /// <exception cref="ArgumentException">No parameters, a parameter that is not a leaf requiring grad, the same
    /// parameter twice (in one group or two), or a bad learning rate.</exception>
    protected Optimizer(IEnumerable<ParameterGroup> groups, double lr) : this(groups, lr, nameof(groups))
    {
    }

    private Optimizer(IEnumerable<ParameterGroup> groups, double lr, string paramName)
    {
        ArgumentNullException.ThrowIfNull(groups, paramName);
        _groups = groups.ToArray();
        if (_groups.Length == 0)
            throw new ArgumentException($"{GetType().Name}: got an empty list of parameter groups.", paramName);
        var all = new List<Tensor>();
        var owner = new List<int>();
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        for (int g = 0; g < _groups.Length; g++)
        {
            if (_groups[g] is null) throw new ArgumentNullException(paramName, $"{GetType().Name}: parameter group {g} is null.");
            string where = _groups.Length == 1 ? "" : $"group {g}, ";
            if (_groups[g].Parameters.Count == 0)
                throw new ArgumentException($"{GetType().Name}: got an empty parameter list{(_groups.Length == 1 ? "" : $" in group {g}")}; pass model.Parameters().", paramName);
            foreach (var p in _groups[g].Parameters)
            {
                int i = all.Count;
                if (p is null) throw new ArgumentNullException(paramName, $"{GetType().Name}: {where}parameter {i} is null.");
                if (!p.IsLeaf || !p.RequiresGrad)
                    throw new ArgumentException(
                        $"{GetType().Name}: {where}parameter {i} (shape {ShapeUtil.Format(p.ShapeArray)}) must be a leaf tensor that requires grad.", paramName);
                if (!seen.Add(p))
                    throw new ArgumentException($"{GetType().Name}: {where}parameter {i} appears more than once in the parameter {(_groups.Length == 1 ? "list" : "groups")}.", paramName);
                all.Add(p);
                owner.Add(g);
            }
        }
        _parameters = all.ToArray();
        _groupOf = owner.ToArray();
        _state = new OrderedDictionary<string, Tensor>?[_parameters.Length];
        CheckLearningRate(lr, nameof(lr));
        _defaultLr = lr;
        _current = _groups[0];
    }

    private readonly double _defaultLr;

    /// <summary>The parameters being optimised, in the order given (group after group).</summary>
    public IReadOnlyList<Tensor> Parameters => _parameters;

    /// <summary>
    /// The parameter groups, each holding every option of this optimiser (those it did not set filled in from the
    /// constructor's arguments). Change an option here to change it from the next step on. PyTorch: <c>param_groups</c>.
    /// </summary>
    public IReadOnlyList<ParameterGroup> ParamGroups => _groups;

    /// <summary>
    /// The learning rate: reading gives the first group's (inside <see cref="Update"/>: the updated parameter's
    /// group's); setting sets every group's (schedulers set each group's own). PyTorch: <c>param_groups[0]["lr"]</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN, infinite or negative.</exception>
    public double LearningRate
    {
        get => _current.Lr ?? _defaultLr;
        set
        {
            CheckLearningRate(value, nameof(value));
            foreach (var g in _groups) g.Lr = value;
        }
    }

    /// <summary>
    /// Completes every group with the options it did not set (the values the subclass's settings hold now, from its
    /// constructor's arguments) and validates each group by applying it; then applies the first group. Call it at
    /// the end of the subclass's constructor.
    /// </summary>
    /// <exception cref="ArgumentException">A group sets an option this optimiser does not have, or a bad value (the
    /// message names the group).</exception>
    protected void InitGroups()
    {
        var defaults = AllHyperparameters().ToArray();
        defaults[0] = ("lr", [_defaultLr]);
        var names = defaults.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        for (int g = 0; g < _groups.Length; g++)
        {
            foreach (var name in ParameterGroup.Names)
                if (!names.Contains(name) && _groups[g].Get(name) is not null)
                    throw new ArgumentException($"{GetType().Name}: parameter group {g} sets '{name}', which {GetType().Name} does not have; expected one of {string.Join(", ", names)}.", "groups");
            foreach (var (name, value) in defaults)
                if (_groups[g].Get(name) is null) _groups[g].Set(name, value);
        }
        for (int g = 0; g < _groups.Length; g++)
        {
            try
            {
                Apply(_groups[g]);
            }
            catch (ArgumentException e) when (_groups.Length > 1)
            {
                throw new ArgumentException($"parameter group {g}: {e.Message}", "groups", e);
            }
        }
        Apply(_groups[0]);
    }

    /// <summary>Sets the subclass's settings (and the current learning rate) from a group's options.</summary>
    private void Apply(ParameterGroup group)
    {
        var values = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var (name, _) in Hyperparameters()) values[name] = group.Get(name) ?? throw new InvalidOperationException($"{GetType().Name}: InitGroups was not called.");
        SetHyperparameters(values);
        (_current, _currentVersion) = (group, group.Version);
    }

    /// <summary>
    /// Creates the state of every parameter, each with its group's options applied, filled with
    /// <paramref name="fill"/>(its group) (Adagrad's accumulators start at the group's initial_accumulator_value).
    /// </summary>
    protected void InitEveryState(Func<ParameterGroup, double> fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        for (int i = 0; i < _parameters.Length; i++)
        {
            var group = _groups[_groupOf[i]];
            if (!ReferenceEquals(group, _current)) Apply(group);
            InitState(i, fill(group));
        }
        Apply(_groups[0]);
    }

    /// <summary>Resets every parameter's gradient to null. PyTorch: <c>zero_grad()</c> (set_to_none=True).</summary>
    public void ZeroGrad()
    {
        foreach (var p in _parameters) p.Grad = null;
    }

    /// <summary>Updates every parameter that has a gradient (one without is skipped, and its state does not
    /// advance) with its group's options. PyTorch: <c>step()</c>.</summary>
    public void Step()
    {
        using var _ = Autograd.NoGrad();
        try
        {
            int applied = -1;
            for (int i = 0; i < _parameters.Length; i++)
            {
                if (_parameters[i].Grad is not { } grad) continue;
                if (_groupOf[i] != applied)
                {
                    var group = _groups[applied = _groupOf[i]];
                    if (!ReferenceEquals(group, _current) || group.Version != _currentVersion) Apply(group); // its options, as changed since
                }
                // Update reads spans: a parameter or Grad that is a non-contiguous view is updated through a copy.
                var parameter = Ops.Contiguous.Values(_parameters[i]);
                Update(i, parameter, Ops.Contiguous.Values(grad));
                if (!ReferenceEquals(parameter, _parameters[i])) Ops.Contiguous.Write(_parameters[i], parameter);
                _parameters[i].BumpVersion();               // the in-place ops of PyTorch's step bump these versions
                if (_state[i] is { } state)
                    foreach (var t in state.Values) t.BumpVersion();
            }
        }
        finally
        {
            if (!ReferenceEquals(_current, _groups[0])) Apply(_groups[0]);
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
