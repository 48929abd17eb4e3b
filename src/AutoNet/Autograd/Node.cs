using AutoNet.Internal;

namespace AutoNet;

/// <summary>
/// A node of the recorded graph: the operation that produced a tensor, the tensors it was applied to, and its
/// backward formula (a vector-Jacobian product). Each primitive op in <c>Ops/</c> is a subclass.
/// PyTorch: <c>tensor.grad_fn</c> (a <c>torch.autograd.graph.Node</c>).
/// </summary>
public abstract class Node
{
    private Tensor[] _inputs = [];
    private List<(Tensor Tensor, int Version)>? _saved;

    /// <summary>The op's name for messages and pictures, e.g. <c>MatMul</c>.</summary>
    public virtual string Name => GetType().Name;

    /// <summary>The inputs this node's output was computed from (empty once the graph is released).</summary>
    public IReadOnlyList<Tensor> Inputs => _inputs;

    /// <summary>
    /// Where in the user's code this node's output was created (<c>Program.cs:42 in Main</c>): recorded only inside
    /// <see cref="Autograd.RecordCreationSites"/> or <see cref="Autograd.DetectAnomaly"/>, since capturing a stack
    /// trace per op is costly. PyTorch's anomaly mode records the forward traceback the same way.
    /// </summary>
    public string? CreatedAt { get; private set; }

    /// <summary>True once backward has run through this node without <c>retainGraph</c> and freed it.</summary>
    public bool IsReleased { get; private set; }

    /// <summary>Whether the gradient for input <paramref name="index"/> is needed (the input requires grad).</summary>
    protected bool NeedsInputGrad(int index) => _inputs[index].RequiresGrad;

    /// <summary>The input at <paramref name="index"/> (for backward formulas).</summary>
    protected Tensor Input(int index) => _inputs[index];

    /// <summary>
    /// The vector-Jacobian product: given the gradient of the final output with respect to this node's output,
    /// return the gradient with respect to each input (null where an input needs none). Written in Tensor ops so
    /// that, under <c>createGraph</c>, the backward pass is itself recorded.
    /// </summary>
    protected internal abstract Tensor?[] Backward(Tensor grad);

    /// <summary>
    /// Remembers a tensor whose values the backward formula reads (PyTorch: <c>ctx.save_for_backward</c>), with its
    /// version, so that modifying it in place before backward is reported instead of giving a wrong gradient.
    /// </summary>
    protected Tensor Save(Tensor tensor)
    {
        (_saved ??= []).Add((tensor, tensor.Storage.Version));
        return tensor;
    }

    /// <summary>Frees what the node saved for backward (override to drop extra saved tensors; call base).</summary>
    protected internal virtual void Release()
    {
        IsReleased = true;
        _inputs = [];
        _saved = null;
    }

    // ---- engine-private bookkeeping (one backward pass at a time per graph) ----
    internal int PendingDependencies;
    internal Tensor? PendingGrad;
    internal int VisitMark;

    internal Tensor[] RawInputs => _inputs;

    /// <summary>Attaches this node to <paramref name="output"/> as its grad_fn, recording the inputs.</summary>
    internal Tensor Attach(Tensor output, Tensor[] inputs)
    {
        _inputs = inputs;
        output.SetGradFn(this);
        int diagnostics = AnomalyMode.Current;
        if (diagnostics != 0)
        {
            CreatedAt = AnomalyMode.CallerLocation();
            if ((diagnostics & AnomalyMode.Detect) != 0) AnomalyMode.CheckForward(this, output);
        }
        return output;
    }

    /// <summary>Throws if a tensor saved for backward was modified in place after this node saved it.</summary>
    internal void CheckVersions()
    {
        if (_saved is null) return;
        foreach (var (tensor, version) in _saved)
            if (tensor.Storage.Version != version)
                throw new InvalidOperationException(
                    $"Backward: a tensor of shape {ShapeUtil.Format(tensor.ShapeArray)} needed for the gradient of {Name} " +
                    $"was modified in place after it was used (version {version} then, {tensor.Storage.Version} now). " +
                    "Modify a copy instead (x.Detach() shares memory; use x * 1.0 or Tensor.From(x.ToArray(), ...)).");
    }

    /// <summary>True when grad mode is on and the input requires grad: the op's output must be recorded.</summary>
    internal static bool ShouldRecord(Tensor a) => a.RequiresGrad && GradMode.IsEnabled;

    /// <summary>Records when grad mode is on and either input requires grad.</summary>
    internal static bool ShouldRecord(Tensor a, Tensor b) => (a.RequiresGrad || b.RequiresGrad) && GradMode.IsEnabled;

    /// <inheritdoc/>
    public override string ToString() => $"<{Name}>";
}
