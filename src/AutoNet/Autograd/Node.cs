namespace AutoNet;

/// <summary>
/// A node of the recorded graph: the operation that produced a tensor, the tensors it was applied to, and its
/// backward formula (a vector-Jacobian product). Each primitive op in <c>Ops/</c> is a subclass.
/// PyTorch: <c>tensor.grad_fn</c> (a <c>torch.autograd.graph.Node</c>).
/// </summary>
public abstract class Node
{
    private Tensor[] _inputs = [];
    private SavedTensor? _saved; // newest first, linked through SavedTensor.Next

    /// <summary>The hooks registered on this node's output tensor (<see cref="Tensor.RegisterHook"/>), or null.</summary>
    internal TensorHooks? OutputHooks;

    /// <summary>The shape and dtype of the output, for checking what its hooks return.</summary>
    internal (int[] Shape, DType DType) OutputMeta;

    /// <summary>The op's name for messages and pictures, e.g. <c>MatMul</c>.</summary>
    public virtual string Name => GetType().Name;

    /// <summary>The inputs this node's output was computed from (empty once backward freed the node: see <see cref="IsReleased"/>).</summary>
    public IReadOnlyList<Tensor> Inputs => _inputs;

    /// <summary>
    /// Where in the user's code this node's output was created (<c>Program.cs:42 in Main</c>): recorded only inside
    /// <see cref="Autograd.RecordCreationSites"/> or <see cref="Autograd.DetectAnomaly"/>, since capturing a stack
    /// trace per op is costly. PyTorch's anomaly mode records the forward traceback the same way.
    /// </summary>
    public string? CreatedAt { get; private set; }

    /// <summary>
    /// True once backward has run through this node without <c>retainGraph</c> and freed the tensors it saved. A node
    /// that saved nothing is never freed, so backward can run through it again, as in PyTorch.
    /// </summary>
    public bool IsReleased { get; private set; }

    /// <summary>Whether the gradient for input <paramref name="index"/> is needed (the input requires grad).</summary>
    protected bool NeedsInputGrad(int index) => _inputs[index].RequiresGrad;

    /// <summary>The input at <paramref name="index"/> (for backward formulas).</summary>
    protected Tensor Input(int index) => _inputs[index];

    /// <summary>
    /// The vector-Jacobian product: given the gradient of the final output with respect to this node's output,
    /// return the gradient with respect to each input (null where an input needs none). Written in Tensor ops so
    /// that, under <c>createGraph</c>, the backward pass is itself recorded. The engine checks the result, as
    /// PyTorch's validate_outputs does: one gradient per input, each of its input's shape (a gradient of the
    /// broadcast shape is summed down to the input's shape there, so a formula need not do it) and dtype (cast).
    /// </summary>
    protected internal abstract Tensor?[] Backward(Tensor grad);

    /// <summary>
    /// Keeps a tensor whose values the backward formula reads (PyTorch: <c>ctx.save_for_backward</c>) and returns
    /// its handle: read it in <see cref="Backward"/> as <c>handle.Value</c>. The node owns it: the version the
    /// tensor has now is checked before backward (an in-place change is reported instead of giving a wrong
    /// gradient), and backward without <c>retainGraph</c> frees it. Save in the op's constructor or forward, before
    /// the node is attached to its output.
    /// </summary>
    protected SavedTensor Save(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return _saved = new SavedTensor(this, tensor, _saved);
    }

    /// <summary>
    /// After backward without <c>retainGraph</c>: frees what the node saved, and with it the node's inputs, so that
    /// a loss kept alive does not keep the activations alive. A node that saved nothing keeps its inputs and can
    /// run again (PyTorch's release_variables).
    /// </summary>
    internal void Release()
    {
        if (_saved is null) return;
        for (var s = _saved; s is not null; s = s.Next) s.Free();
        _saved = null;
        _inputs = [];
        IsReleased = true;
    }

    /// <summary>
    /// For a node with one input: adds the input's gradient for <paramref name="grad"/> into <paramref name="target"/>
    /// (the gradient already waiting at that input: row-major, of the input's shape and dtype, held by nothing but the
    /// engine) and returns true; or returns false, the default, and the engine calls <see cref="Backward"/>. A node
    /// whose gradient is mostly zeros (a slice's) overrides it to skip writing them (<see cref="PendingGrads"/>).
    /// </summary>
    internal virtual bool AddInputGradInto(Tensor grad, Tensor target) => false;

    // ---- engine-private bookkeeping (one backward pass at a time per graph) ----
    internal int PendingDependencies;
    internal Tensor? PendingGrad;
    internal bool PendingOwned;      // PendingGrad is held by nothing but this backward pass (PendingGrads)
    internal int VisitMark;

    internal Tensor[] RawInputs => _inputs;

    /// <summary>
    /// Attaches this node to <paramref name="output"/> as its grad_fn, recording the inputs. An Int64 or Bool output
    /// is returned as it is, without a grad_fn: such tensors never require grad (PyTorch marks integer outputs of
    /// differentiable ops, such as <c>x.long()</c> or <c>argmax</c>, as not requiring grad).
    /// </summary>
    internal Tensor Attach(Tensor output, Tensor[] inputs)
    {
        if (output.DType is DType.Int64 or DType.Bool) return output;
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
        for (var s = _saved; s is not null; s = s.Next) s.CheckVersion();
    }

    /// <summary>True when grad mode is on and the input requires grad: the op's output must be recorded.</summary>
    internal static bool ShouldRecord(Tensor a) => a.RequiresGrad && GradMode.IsEnabled;

    /// <summary>Records when grad mode is on and either input requires grad.</summary>
    internal static bool ShouldRecord(Tensor a, Tensor b) => (a.RequiresGrad || b.RequiresGrad) && GradMode.IsEnabled;

    /// <inheritdoc/>
    public override string ToString() => $"<{Name}>";
}
