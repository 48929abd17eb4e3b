using System.Globalization;

namespace AutoNet.Optim;

/// <summary>
/// The base of learning-rate schedulers. Creating one records each parameter group's current learning rate as its
/// base rate and sets <see cref="LastEpoch"/> to 0; each <see cref="Step"/> (call it after <c>optimizer.Step()</c>,
/// once per epoch or per batch) adds one to <see cref="LastEpoch"/> and sets every group's learning rate to
/// <see cref="ComputeLearningRate"/> of its current and base rates. The rates are computed recursively from the
/// current one, as PyTorch's <c>get_lr()</c> does, so they match PyTorch's values step for step.
/// PyTorch: <c>torch.optim.lr_scheduler._LRScheduler</c>.
/// </summary>
public abstract class LRScheduler
{
    private double[] _baseLrs;
    private double[] _lastLrs;

    /// <summary>Attaches the scheduler to <paramref name="optimizer"/> (PyTorch's constructor with <c>last_epoch=-1</c>).</summary>
    protected LRScheduler(Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Optimizer = optimizer;
        _baseLrs = optimizer.ParamGroups.Select(g => g.Lr!.Value).ToArray();
        _lastLrs = (double[])_baseLrs.Clone();
    }

    /// <summary>The optimiser whose learning rates are scheduled.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The first group's learning rate when the scheduler was created. PyTorch: <c>base_lrs[0]</c>.</summary>
    public double BaseLearningRate => _baseLrs[0];

    /// <summary>Each group's learning rate when the scheduler was created. PyTorch: <c>base_lrs</c>.</summary>
    public IReadOnlyList<double> BaseLearningRates => _baseLrs;

    /// <summary>The number of <see cref="Step"/> calls so far. PyTorch: <c>last_epoch</c>.</summary>
    public int LastEpoch { get; private set; }

    /// <summary>The first group's learning rate set by the last <see cref="Step"/> (or the initial one). PyTorch: <c>get_last_lr()[0]</c>.</summary>
    public double LastLearningRate => _lastLrs[0];

    /// <summary>Each group's learning rate set by the last <see cref="Step"/> (or the initial ones). PyTorch: <c>get_last_lr()</c>.</summary>
    public IReadOnlyList<double> LastLearningRates => _lastLrs;

    /// <summary>Advances the schedule by one and sets every group's learning rate. PyTorch: <c>scheduler.step()</c>.</summary>
    public void Step()
    {
        LastEpoch++;
        var groups = Optimizer.ParamGroups;
        for (int g = 0; g < groups.Count; g++)
        {
            double lr = ComputeLearningRate(groups[g].Lr!.Value, _baseLrs[g]);
            groups[g].Lr = lr;
            _lastLrs[g] = lr;
        }
    }

    /// <summary>
    /// A group's learning rate for the new <see cref="LastEpoch"/>, computed from its current rate (PyTorch's
    /// recursive <c>get_lr()</c>, <c>group['lr']</c>) and its base rate; called by <see cref="Step"/> for each group
    /// after <see cref="LastEpoch"/> was increased.
    /// </summary>
    /// <param name="current">The group's current learning rate.</param>
    /// <param name="baseLearningRate">The group's rate when the scheduler was created.</param>
    protected abstract double ComputeLearningRate(double current, double baseLearningRate);

    /// <summary>
    /// The scheduler's state as float64 tensors: <c>last_epoch</c>, <c>base_lr</c>, <c>last_lr</c> (scalars with one
    /// parameter group, one value per group otherwise). The settings (step size, gamma, ...) are constructor arguments
    /// and are not included. Save it beside the optimiser's <see cref="Optimizer.StateDict"/>. PyTorch:
    /// <c>scheduler.state_dict()</c>.
    /// </summary>
    public OrderedDictionary<string, Tensor> StateDict() => new()
    {
        ["last_epoch"] = Tensor.Scalar(LastEpoch),
        ["base_lr"] = Rates(_baseLrs),
        ["last_lr"] = Rates(_lastLrs),
    };

    private static Tensor Rates(double[] rates) => rates.Length == 1 ? Tensor.Scalar(rates[0]) : Tensor.From((double[])rates.Clone(), rates.Length);

    /// <summary>Restores a state saved by <see cref="StateDict"/>. PyTorch: <c>scheduler.load_state_dict(...)</c>.</summary>
    /// <exception cref="ArgumentException">A key is missing or unexpected, or a value is out of range (all are listed).</exception>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var problems = new List<string>();
        int groups = _baseLrs.Length;
        double[] Read(string key, int count, Func<double, bool> valid, string expected)
        {
            if (!state.TryGetValue(key, out var t) || t is null) { problems.Add($"missing key '{key}'"); return new double[count]; }
            if (t.Count != count) { problems.Add($"key '{key}' has {t.Count} values; expected {(count == 1 ? "one" : $"{count} (one per parameter group)")}"); return new double[count]; }
            var values = t.ToArray();
            foreach (var v in values)
                if (!valid(v)) problems.Add(string.Create(CultureInfo.InvariantCulture, $"key '{key}' holds {v}; expected {expected}"));
            return values;
        }
        static bool Rate(double v) => double.IsFinite(v) && v >= 0;
        double lastEpoch = Read("last_epoch", 1, v => v >= 0 && v <= int.MaxValue && v == Math.Floor(v), "a whole number >= 0")[0];
        var baseLr = Read("base_lr", groups, Rate, "a finite number >= 0");
        var lastLr = Read("last_lr", groups, Rate, "a finite number >= 0");
        foreach (var key in state.Keys)
            if (key is not ("last_epoch" or "base_lr" or "last_lr")) problems.Add($"unexpected key '{key}'");
        if (problems.Count > 0)
            throw new ArgumentException($"{GetType().Name}.LoadStateDict: the state does not fit this scheduler: {string.Join("; ", problems)}.", nameof(state));
        (LastEpoch, _baseLrs, _lastLrs) = ((int)lastEpoch, baseLr, lastLr);
    }
}
