using AutoNet.Internal;
using AutoNet.Ops;
using AutoNet.Serialization;

namespace AutoNet.Nn;

/// <summary>A module's state dict (parameters and buffers by name) and saving it to / loading it from safetensors files.</summary>
public abstract partial class Module
{
    /// <summary>
    /// The module's state: every parameter and buffer by its PyTorch name (<c>0.weight</c>, <c>0.bias</c>, ...),
    /// in PyTorch's order (a module's own parameters, then its own buffers, then each submodule's in turn). A
    /// parameter shared by two modules appears under both names, as in PyTorch. Unlike PyTorch the tensors are
    /// copies, so training further does not change a state dict already taken. PyTorch: <c>state_dict()</c>.
    /// </summary>
    public OrderedDictionary<string, Tensor> StateDict()
    {
        var result = new OrderedDictionary<string, Tensor>();
        foreach (var (name, tensor) in Walk(parameters: true, buffers: true, removeDuplicates: false)) result[name] = InPlace.Clone(tensor);
        return result;
    }

    /// <summary>
    /// Copies <paramref name="state"/>'s tensors into this module's parameters and buffers with the same names
    /// (converting the dtype if needed). Every problem is checked before anything is copied and reported together
    /// in one exception: with <paramref name="strict"/>, keys the module has but the state lacks (missing) and
    /// keys the state has but the module lacks (unexpected); always, tensors whose shape differs from the
    /// module's. Without <paramref name="strict"/>, missing and unexpected keys are skipped and returned.
    /// PyTorch: <c>load_state_dict(state_dict, strict)</c>.
    /// </summary>
    /// <param name="state">Tensors by name, e.g. from <see cref="StateDict"/> or <see cref="SafeTensors.Load(string)"/>.</param>
    /// <param name="strict">Require the keys to match exactly.</param>
    /// <returns>The missing and the unexpected keys (both empty after a strict load).</returns>
    /// <exception cref="ArgumentException">The state does not fit (the message lists every missing, unexpected and mis-shaped key).</exception>
    public (IReadOnlyList<string> MissingKeys, IReadOnlyList<string> UnexpectedKeys) LoadStateDict(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(state);
        var targets = Walk(parameters: true, buffers: true, removeDuplicates: false).ToList();
        var known = new HashSet<string>(targets.Select(t => t.Name), StringComparer.Ordinal);
        var missing = new List<string>();
        var unexpected = state.Keys.Where(k => !known.Contains(k)).ToList();
        var misfits = new List<string>();
        foreach (var (name, target) in targets)
        {
            if (!state.TryGetValue(name, out var source)) missing.Add(name);
            else if (source is null) misfits.Add($"'{name}' is null");
            else if (!source.ShapeArray.AsSpan().SequenceEqual(target.ShapeArray))
                misfits.Add($"'{name}' has shape {ShapeUtil.Format(source.ShapeArray)} in the state but {ShapeUtil.Format(target.ShapeArray)} in the module");
        }
        var problems = new List<string>();
        if (strict && missing.Count > 0) problems.Add("missing keys: " + string.Join(", ", missing.Select(k => $"'{k}'")));
        if (strict && unexpected.Count > 0) problems.Add("unexpected keys: " + string.Join(", ", unexpected.Select(k => $"'{k}'")));
        if (misfits.Count > 0) problems.Add("size mismatch: " + string.Join("; ", misfits));
        if (problems.Count > 0)
            throw new ArgumentException($"{GetType().Name}.LoadStateDict: the state does not fit this module. {string.Join(". ", problems)}.", nameof(state));

        using (Autograd.NoGrad())
            foreach (var (name, target) in targets)
                if (state.TryGetValue(name, out var source)) target.CopyFrom(source);
        return (missing, unexpected);
    }

    /// <summary>
    /// Saves <see cref="StateDict"/> to a safetensors file (written atomically), which Python reads with
    /// <c>safetensors.torch.load_file(path)</c> and <c>model.load_state_dict(...)</c>. PyTorch equivalent:
    /// <c>safetensors.torch.save_file(model.state_dict(), path, metadata)</c>.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="metadata">Optional strings for the file's header.</param>
    public void Save(string path, IReadOnlyDictionary<string, string>? metadata = null) => SafeTensors.Save(path, StateDict(), metadata);

    /// <summary>
    /// Loads a safetensors file (e.g. written by <see cref="Save"/>, or by Python's <c>safetensors.torch.save_file</c>
    /// with PyTorch's key names) into this module with <see cref="LoadStateDict"/>.
    /// </summary>
    /// <param name="path">The file to read.</param>
    /// <param name="strict">Require the keys to match exactly.</param>
    /// <returns>The missing and the unexpected keys (both empty after a strict load).</returns>
    /// <exception cref="InvalidDataException">The file is not a valid safetensors file.</exception>
    /// <exception cref="ArgumentException">Its tensors do not fit the module.</exception>
    public (IReadOnlyList<string> MissingKeys, IReadOnlyList<string> UnexpectedKeys) Load(string path, bool strict = true) =>
        LoadStateDict(SafeTensors.Load(path), strict);
}
