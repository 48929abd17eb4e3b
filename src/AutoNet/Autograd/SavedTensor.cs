using AutoNet.Internal;

namespace AutoNet;

/// <summary>
/// A tensor a <see cref="Node"/> saved for its backward (the handle <c>Save</c> returns), with the version the
/// tensor had then. The node owns it: backward without <c>retainGraph</c> frees it, and reading <see cref="Value"/>
/// afterwards throws instead of returning stale or missing values. PyTorch: <c>SavedVariable</c>
/// (<c>ctx.save_for_backward</c>, read back through <c>ctx.saved_tensors</c>).
/// </summary>
public sealed class SavedTensor
{
    private readonly Node _owner;
    private readonly int _version;
    private Tensor? _tensor;

    internal SavedTensor(Node owner, Tensor tensor, SavedTensor? next)
    {
        _owner = owner;
        _tensor = tensor;
        _version = tensor.Storage.Version;
        Next = next;
    }

    /// <summary>The saved tensor, for the backward formula.</summary>
    /// <exception cref="InvalidOperationException">Backward already ran through the node and freed it.</exception>
    public Tensor Value => _tensor ?? throw BackwardEngine.SecondTimeError(_owner);

    /// <summary>The handle saved before this one by the same node (the node's list, newest first).</summary>
    internal SavedTensor? Next { get; }

    /// <summary>Drops the tensor, so that it can be collected while the node itself stays alive.</summary>
    internal void Free() => _tensor = null;

    /// <summary>Throws if the tensor was modified in place after it was saved.</summary>
    internal void CheckVersion()
    {
        if (_tensor is not { } tensor || tensor.Storage.Version == _version) return;
        throw new InvalidOperationException(
            $"Backward: a tensor of shape {ShapeUtil.Format(tensor.ShapeArray)} needed for the gradient of {_owner.Name} " +
            $"was modified in place after it was used (version {_version} then, {tensor.Storage.Version} now). " +
            "Modify a copy instead (x.Detach() shares memory; use x * 1.0 or Tensor.From(x.ToArray(), ...)).");
    }
}
