using System.Globalization;
using AutoNet.Internal;
using AutoNet.Ops;

namespace AutoNet.Optim;

/// <summary>Saving and restoring an optimiser's state (<see cref="StateDict"/>, <see cref="LoadStateDict"/>).</summary>
public abstract partial class Optimizer
{
    private const string StatePrefix = "state.";
    private const string GroupsPrefix = "param_groups.";

    private static string GroupPrefix(int g) => GroupsPrefix + g.ToString(CultureInfo.InvariantCulture) + ".";

    /// <summary>
    /// Whether every parameter has state from construction on (Adagrad's accumulators), so a state dict must
    /// hold state for each of them.
    /// </summary>
    protected virtual bool StateAlwaysPresent => false;

    /// <summary>
    /// A copy of the optimiser's state as named tensors, flattened from PyTorch's <c>state_dict()</c>:
    /// <c>state.{i}.{name}</c> for parameter i's state (<c>state.0.exp_avg</c>, <c>state.0.step</c> — a float64
    /// scalar — ...), present once the parameter has been updated, then <c>param_groups.{g}.{name}</c> for each
    /// group g and option (parameters are numbered across the groups in order, as in PyTorch) (<c>lr</c>, <c>betas</c> [2], <c>weight_decay</c>, flags as 0/1), float64.
    /// The tensors are copies: later steps do not change them. Save them with
    /// <see cref="Serialization.SafeTensors.Save"/> and load them back with <see cref="LoadStateDict"/>, and training
    /// resumes bit for bit. PyTorch: <c>optimizer.state_dict()</c>.
    /// </summary>
    public OrderedDictionary<string, Tensor> StateDict()
    {
        var result = new OrderedDictionary<string, Tensor>();
        for (int i = 0; i < _parameters.Length; i++)
        {
            if (_state[i] is not { } state) continue;
            foreach (var (key, value) in state)
                result[StatePrefix + i.ToString(CultureInfo.InvariantCulture) + "." + key] = InPlace.Clone(value);
        }
        var names = AllHyperparameters().Select(h => h.Name).ToArray();
        for (int g = 0; g < _groups.Length; g++)
            foreach (var name in names)
            {
                var value = _groups[g].Get(name)!;
                result[GroupPrefix(g) + name] = value.Length == 1 ? Tensor.Scalar(value[0]) : Tensor.From((double[])value.Clone(), value.Length);
            }
        return result;
    }

    /// <summary>
    /// Restores a state saved by <see cref="StateDict"/> of an optimiser of the same kind over parameters of the
    /// same shapes: the hyperparameters (learning rate included) and every parameter's buffers and step count
    /// (copied, and converted to the parameter's dtype as PyTorch does). A parameter with no saved state starts
    /// fresh. Every problem — a missing, unexpected or mis-shaped key, a bad value — is reported together in one
    /// exception, and then nothing is changed. PyTorch: <c>optimizer.load_state_dict(...)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The state does not fit this optimiser (the message lists each problem).</exception>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var problems = new List<string>();
        var groupKeys = new HashSet<string>(StringComparer.Ordinal);
        var current = AllHyperparameters().ToArray();
        var hyper = new Dictionary<string, double[]>[_groups.Length];
        for (int g = 0; g < _groups.Length; g++)
        {
            hyper[g] = new Dictionary<string, double[]>(StringComparer.Ordinal);
            foreach (var (name, value) in current)
            {
                string key = GroupPrefix(g) + name;
                groupKeys.Add(key);
                if (!state.TryGetValue(key, out var t) || t is null) { problems.Add($"missing key '{key}'"); continue; }
                if (t.Count != value.Length)
                {
                    problems.Add($"key '{key}' has shape {ShapeUtil.Format(t.ShapeArray)}; expected {(value.Length == 1 ? "one value" : $"{value.Length} values")}");
                    continue;
                }
                hyper[g][name] = t.ToArray();
            }
        }
        foreach (var key in state.Keys)
            if (!key.StartsWith(StatePrefix, StringComparison.Ordinal) && !groupKeys.Contains(key))
                problems.Add($"unexpected key '{key}'");

        // Validate each group's options by applying them: they also decide which state keys its parameters have
        // (amsgrad, momentum, centered). When they cannot be applied, the state keys are still checked, against the
        // current settings, so that every problem is reported at once. Nothing is kept until all is well.
        var expected = new IReadOnlyList<string>[_groups.Length];
        for (int g = 0; g < _groups.Length; g++)
        {
            expected[g] = StateKeys();
            if (problems.Count > 0) continue;
            try
            {
                ApplyHyperparameters(hyper[g]);
                expected[g] = StateKeys();
            }
            catch (ArgumentException e)
            {
                problems.Add(_groups.Length == 1 ? e.Message : $"parameter group {g}: {e.Message}");
            }
        }
        Apply(_groups[0]);
        var loaded = ReadParameterStates(state, problems, expected);
        if (problems.Count > 0) throw Problems(problems);
        for (int g = 0; g < _groups.Length; g++)
            foreach (var (name, value) in hyper[g]) _groups[g].Set(name, value);
        for (int i = 0; i < _parameters.Length; i++) _state[i] = loaded[i];
        Apply(_groups[0]);
    }

    private OrderedDictionary<string, Tensor>?[] ReadParameterStates(IReadOnlyDictionary<string, Tensor> state, List<string> problems,
        IReadOnlyList<string>[] expectedByGroup)
    {
        var found = new Dictionary<string, Tensor>?[_parameters.Length];
        foreach (var (key, value) in state)
        {
            if (!key.StartsWith(StatePrefix, StringComparison.Ordinal)) continue;
            string rest = key[StatePrefix.Length..];
            int dot = rest.IndexOf('.');
            if (dot <= 0 || !int.TryParse(rest.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out int index)
                || index >= _parameters.Length || rest[..dot] != index.ToString(CultureInfo.InvariantCulture)
                || !expectedByGroup[_groupOf[index]].Contains(rest[(dot + 1)..]))
            {
                problems.Add($"unexpected key '{key}'");
                continue;
            }
            (found[index] ??= new Dictionary<string, Tensor>(StringComparer.Ordinal))[rest[(dot + 1)..]] = value;
        }

        var loaded = new OrderedDictionary<string, Tensor>?[_parameters.Length];
        for (int i = 0; i < _parameters.Length; i++)
        {
            var expected = expectedByGroup[_groupOf[i]];
            if (found[i] is not { } entries)
            {
                if (StateAlwaysPresent && expected.Count > 0)
                    foreach (var name in expected) problems.Add($"missing key 'state.{i}.{name}'");
                continue;
            }
            var p = _parameters[i];
            var s = new OrderedDictionary<string, Tensor>();
            foreach (var name in expected)
            {
                string key = $"state.{i}.{name}";
                if (!entries.TryGetValue(name, out var t) || t is null) { problems.Add($"missing key '{key}'"); continue; }
                if (name == StepKey)
                {
                    double step = t.Count == 1 ? t.GetFlat(0) : double.NaN;
                    if (t.Count != 1) problems.Add($"key '{key}' has shape {ShapeUtil.Format(t.ShapeArray)}; expected one value");
                    else if (!(step >= 0 && step == Math.Floor(step) && step <= (1L << 53)))
                        problems.Add($"key '{key}' holds {step}; expected a whole number >= 0");
                    else s[name] = Tensor.Scalar(step);
                    continue;
                }
                if (!t.ShapeArray.AsSpan().SequenceEqual(p.ShapeArray))
                {
                    problems.Add($"key '{key}' has shape {ShapeUtil.Format(t.ShapeArray)}; expected {ShapeUtil.Format(p.ShapeArray)} (the parameter's shape)");
                    continue;
                }
                s[name] = InPlace.Clone(t.DType == p.DType ? t : t.To(p.DType));
            }
            loaded[i] = s;
        }
        return loaded;
    }

    private IEnumerable<(string Name, double[] Value)> AllHyperparameters() => Hyperparameters().Prepend(("lr", [LearningRate]));

    private void ApplyHyperparameters(IReadOnlyDictionary<string, double[]> values)
    {
        CheckLearningRate(values["lr"][0], "lr");
        SetHyperparameters(values);
    }

    private ArgumentException Problems(List<string> problems) => new(
        $"{GetType().Name}.LoadStateDict: the state does not fit this optimiser ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}): " +
        string.Join("; ", problems) + ".", "state");

    /// <summary>Reads a 0/1 flag saved by <see cref="StateDict"/>.</summary>
    /// <exception cref="ArgumentException">The value is neither 0 nor 1.</exception>
    protected bool Flag(IReadOnlyDictionary<string, double[]> values, string name)
    {
        double v = values[name][0];
        if (v != 0 && v != 1)
            throw new ArgumentException($"{GetType().Name}.LoadStateDict: '{GroupsPrefix}0.{name}' must be 0 or 1 (a flag), got {v}.", "state");
        return v == 1;
    }
}
