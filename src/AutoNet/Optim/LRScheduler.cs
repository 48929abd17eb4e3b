using System.Globalization;

namespace AutoNet.Optim;

/// <summary>
/// The base of learning-rate schedulers. Creating one records the optimiser's current learning rate as the base
/// rate and sets <see cref="LastEpoch"/> to 0; each <see cref="Step"/> (call it after <c>optimizer.Step()</c>, once
/// per epoch or per batch) adds one to <see cref="LastEpoch"/> and sets the optimiser's learning rate to
/// <see cref="ComputeLearningRate"/>. The rates are computed recursively from the current one, as PyTorch's
/// <c>get_lr()</c> does, so they match PyTorch's values step for step. PyTorch: <c>torch.optim.lr_scheduler._LRScheduler</c>.
/// </summary>
public abstract class LRScheduler
{
    /// <summary>Attaches the scheduler to <paramref name="optimizer"/> (PyTorch's constructor with <c>last_epoch=-1</c>).</summary>
    protected LRScheduler(Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Optimizer = optimizer;
        BaseLearningRate = optimizer.LearningRate;
        LastLearningRate = optimizer.LearningRate;
    }

    /// <summary>The optimiser whose learning rate is scheduled.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The learning rate when the scheduler was created. PyTorch: <c>base_lrs[0]</c>.</summary>
    public double BaseLearningRate { get; private set; }

    /// <summary>The number of <see cref="Step"/> calls so far. PyTorch: <c>last_epoch</c>.</summary>
    public int LastEpoch { get; private set; }

    /// <summary>The learning rate set by the last <see cref="Step"/> (or the initial one). PyTorch: <c>get_last_lr()[0]</c>.</summary>
    public double LastLearningRate { get; private set; }

    /// <summary>Advances the schedule by one and sets the optimiser's learning rate. PyTorch: <c>scheduler.step()</c>.</summary>
    public void Step()
    {
        LastEpoch++;
        double lr = ComputeLearningRate();
        Optimizer.LearningRate = lr;
        LastLearningRate = lr;
    }

    /// <summary>
    /// The learning rate for the new <see cref="LastEpoch"/>, computed from the optimiser's current rate
    /// (PyTorch's recursive <c>get_lr()</c>); called by <see cref="Step"/> after <see cref="LastEpoch"/> was increased.
    /// </summary>
    protected abstract double ComputeLearningRate();

    /// <summary>The current learning rate of the optimiser (PyTorch: <c>group['lr']</c>).</summary>
    protected double CurrentLearningRate => Optimizer.LearningRate;

    /// <summary>
    /// The scheduler's state as float64 scalars: <c>last_epoch</c>, <c>base_lr</c>, <c>last_lr</c>. The settings
    /// (step size, gamma, ...) are constructor arguments and are not included. Save it beside the optimiser's
    /// <see cref="Optimizer.StateDict"/>. PyTorch: <c>scheduler.state_dict()</c>.
    /// </summary>
    public OrderedDictionary<string, Tensor> StateDict() => new()
    {
        ["last_epoch"] = Tensor.Scalar(LastEpoch),
        ["base_lr"] = Tensor.Scalar(BaseLearningRate),
        ["last_lr"] = Tensor.Scalar(LastLearningRate),
    };

    /// <summary>Restores a state saved by <see cref="StateDict"/>. PyTorch: <c>scheduler.load_state_dict(...)</c>.</summary>
    /// <exception cref="ArgumentException">A key is missing or unexpected, or a value is out of range (all are listed).</exception>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var problems = new List<string>();
        double Read(string key, Func<double, bool> valid, string expected)
        {
            if (!state.TryGetValue(key, out var t) || t is null) { problems.Add($"missing key '{key}'"); return 0; }
            if (t.Count != 1) { problems.Add($"key '{key}' has {t.Count} values; expected one"); return 0; }
            double v = t.GetFlat(0);
            if (!valid(v)) problems.Add(string.Create(CultureInfo.InvariantCulture, $"key '{key}' holds {v}; expected {expected}"));
            return v;
        }
        static bool Rate(double v) => double.IsFinite(v) && v >= 0;
        double lastEpoch = Read("last_epoch", v => v >= 0 && v <= int.MaxValue && v == Math.Floor(v), "a whole number >= 0");
        double baseLr = Read("base_lr", Rate, "a finite number >= 0");
        double lastLr = Read("last_lr", Rate, "a finite number >= 0");
        foreach (var key in state.Keys)
            if (key is not ("last_epoch" or "base_lr" or "last_lr")) problems.Add($"unexpected key '{key}'");
        if (problems.Count > 0)
            throw new ArgumentException($"{GetType().Name}.LoadStateDict: the state does not fit this scheduler: {string.Join("; ", problems)}.", nameof(state));
        (LastEpoch, BaseLearningRate, LastLearningRate) = ((int)lastEpoch, baseLr, lastLr);
    }
}
