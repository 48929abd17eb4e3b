using AutoNet.Internal;

namespace AutoNet;

public partial class Tensor
{
    private bool _requiresGrad;
    private Tensor? _grad;
    private object? _gradLock;

    /// <summary>The node that computed this tensor, or null for a leaf (a tensor the user created).
    /// PyTorch: <c>grad_fn</c>.</summary>
    public Node? GradFn { get; private set; }

    /// <summary>True for tensors not computed by a recorded op. PyTorch: <c>is_leaf</c>.</summary>
    public bool IsLeaf => GradFn is null;

    /// <summary>
    /// Whether gradients should be computed for this tensor. Settable on leaves only; a computed tensor requires
    /// grad exactly when one of its inputs did. PyTorch: <c>requires_grad</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Set on a tensor that is not a leaf, or set to true on an Int64 or
    /// Bool tensor (only floating-point tensors can require gradients, as in PyTorch).</exception>
    public bool RequiresGrad
    {
        get => _requiresGrad;
        set
        {
            if (value && DType is DType.Int64 or DType.Bool)
                throw new InvalidOperationException(
                    $"RequiresGrad: only Tensors of floating point dtype can require gradients; this tensor is {DType.Name()}. " +
                    "Convert it first with To(DType.Float64) (or To(DType.Float32)).");
            if (GradFn is not null)
                throw new InvalidOperationException(
                    $"RequiresGrad: can only be changed on leaf tensors; this tensor was computed by {GradFn.Name}. Use Detach() to get a leaf that shares its values.");
            _requiresGrad = value;
        }
    }

    /// <summary>
    /// The gradient accumulated into this leaf by <see cref="Backward"/>, or null. Null on non-leaf tensors, as in
    /// PyTorch (use <see cref="Autograd.Grad"/> for those). Assign null to reset, or a tensor of the same shape and
    /// dtype. The leaf owns it, as in PyTorch: it shares memory with no other leaf's gradient nor with a gradient
    /// you passed to <see cref="Backward"/>, and a later backward adds into it in place (out of place under
    /// <c>createGraph</c>), so a reference taken now sees the sum. PyTorch: <c>grad</c>.
    /// </summary>
    public Tensor? Grad
    {
        get => _grad;
        set
        {
            if (value is not null && (!value.ShapeArray.AsSpan().SequenceEqual(ShapeArray) || value.DType != DType))
                throw new ArgumentException(
                    $"Grad: expected a {DType.Name()} tensor of shape {ShapeUtil.Format(ShapeArray)}, got a {value.DType.Name()} tensor of shape {ShapeUtil.Format(value.ShapeArray)}.");
            _grad = value;
        }
    }

    /// <summary>The lock backward holds while it adds into this leaf's <see cref="Grad"/> (made on first use).</summary>
    internal object GradLock => _gradLock ?? Interlocked.CompareExchange(ref _gradLock, new object(), null) ?? _gradLock;

    internal void SetGradFn(Node node)
    {
        GradFn = node;
        _requiresGrad = true;
    }

    /// <summary>
    /// Computes the gradient of this tensor with respect to every leaf it depends on that requires grad, and adds it
    /// into their <see cref="Grad"/>. PyTorch: <c>tensor.backward(gradient, retain_graph, create_graph)</c>.
    /// </summary>
    /// <param name="gradient">The gradient of some final scalar with respect to this tensor; may be omitted only
    /// when this tensor has one element (then it is 1).</param>
    /// <param name="retainGraph">Keep the graph's saved tensors so that backward can run through it again.</param>
    /// <param name="createGraph">Record the backward pass itself, so that the gradients can be differentiated
    /// again (higher-order gradients). Implies <paramref name="retainGraph"/>.</param>
    /// <exception cref="InvalidOperationException">This tensor does not require grad; or it has more than one
    /// element and no gradient was given; or its graph was already freed by an earlier backward.</exception>
    public void Backward(Tensor? gradient = null, bool retainGraph = false, bool createGraph = false)
    {
        if (!RequiresGrad)
            throw new InvalidOperationException(
                "Backward: this tensor does not require grad and has no GradFn: none of the tensors it was computed from requires grad " +
                "(set RequiresGrad = true on the parameters), or it was computed inside Autograd.NoGrad().");
        var seed = Autograd.SeedGradient(this, gradient, "Backward");
        BackwardEngine.Run([this], [seed], retainGraph || createGraph, createGraph, null);
    }

    /// <summary>A new leaf sharing this tensor's memory, cut off from the graph. PyTorch: <c>detach()</c>.</summary>
    public Tensor Detach() => Layout is null ? new(Storage, ShapeArray, DType) : new(Storage, ShapeArray, Layout.Strides, Layout.Offset, DType);

    /// <summary>
    /// Copies <paramref name="source"/>'s values into this tensor in place (broadcasting and converting dtype).
    /// Refused on a tensor that requires grad unless inside <see cref="Autograd.NoGrad"/>, as PyTorch refuses an
    /// in-place change of a leaf that requires grad. PyTorch: <c>copy_</c>.
    /// </summary>
    public Tensor CopyFrom(Tensor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (RequiresGrad && GradMode.IsEnabled)
            throw new InvalidOperationException(
                $"CopyFrom: this tensor requires grad ({(IsLeaf ? "a leaf" : "computed by " + GradFn!.Name)}), and an in-place copy into it would " +
                "break its gradient. Do it inside using (Autograd.NoGrad()) { ... }.");
        if (Layout is { } layout && HasRepeatedElements(layout.Strides))
            throw new InvalidOperationException(
                $"CopyFrom: this view of shape {ShapeUtil.Format(ShapeArray)} has strides {ShapeUtil.Format(layout.Strides)}, so more than one of its elements " +
                "refers to a single memory location (an Expand); writing into it is not supported, as in PyTorch. Write into the tensor it expands, or Contiguous() first.");
        if (!ShapeUtil.BroadcastsTo(source.ShapeArray, ShapeArray))
            throw new ArgumentException(
                $"CopyFrom: a source of shape {ShapeUtil.Format(source.ShapeArray)} cannot be broadcast to this tensor's shape {ShapeUtil.Format(ShapeArray)}.");
        Tensor values;
        using (GradMode.Set(false))
        {
            values = source.DType == DType ? source : source.To(DType);
            if (!values.ShapeArray.AsSpan().SequenceEqual(ShapeArray)) values = Ops.Expand.Forward(values, ShapeArray);
        }
        Ops.Contiguous.Write(this, values);
        Storage.Version++;
        return this;
    }

    /// <summary>Whether two of this view's elements share memory: a stride of 0 along a dim of more than one element.</summary>
    private bool HasRepeatedElements(int[] strides)
    {
        for (int d = 0; d < strides.Length; d++)
            if (strides[d] == 0 && ShapeArray[d] > 1) return true;
        return false;
    }

    /// <summary>The hooks of a leaf (<see cref="RegisterHook"/>); a non-leaf's are on its GradFn.</summary>
    internal TensorHooks? LeafHooks;

    /// <summary>
    /// Registers a hook that sees the gradient flowing into this tensor during backward (summed over its consumers)
    /// and may replace it by returning a tensor of the same shape and dtype (null keeps it). On a leaf it runs before
    /// the gradient is accumulated into <see cref="Grad"/>; on a non-leaf before the gradient goes on to the tensors
    /// it was computed from. Hooks run in registration order, each seeing what the previous one returned, in
    /// <see cref="Backward"/> and in <see cref="Autograd.Grad"/>. Dispose the returned handle to remove the hook.
    /// PyTorch: <c>register_hook</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The tensor does not require grad.</exception>
    public IDisposable RegisterHook(Func<Tensor, Tensor?> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        if (!RequiresGrad)
            throw new InvalidOperationException(
                $"RegisterHook: cannot register a hook on a tensor that doesn't require gradient (a {DType.Name()} tensor of shape {ShapeUtil.Format(ShapeArray)}); " +
                "set RequiresGrad = true on the leaf first.");
        if (GradFn is { } fn)
        {
            lock (fn)
            {
                fn.OutputMeta = (ShapeArray, DType);
                fn.OutputHooks ??= new TensorHooks();
            }
            return fn.OutputHooks.Add(hook);
        }
        lock (GradLock) LeafHooks ??= new TensorHooks();
        return LeafHooks.Add(hook);
    }

    /// <summary>
    /// Makes this tensor hold <paramref name="source"/>'s memory and dtype (same shape), for <c>Module.To</c>, as
    /// PyTorch's <c>param.data = param.data.to(dtype)</c>. The version moves on, so a graph that saved the old values
    /// refuses them.
    /// </summary>
    internal void ReplaceData(Tensor source)
    {
        if (Layout is not null || source.Layout is not null)   // a view's offset and strides would not fit the new storage
            throw new InvalidOperationException($"ReplaceData: both tensors must own their whole storage (shape {ShapeUtil.Format(ShapeArray)}); a view cannot change dtype in place.");
        int version = Storage.Version;
        (Storage, DType) = (source.Storage, source.DType);
        Storage.Version = Math.Max(Storage.Version, version + 1);
    }

    /// <summary>Marks an in-place write to this tensor's memory (for the saved-tensor check).</summary>
    internal void BumpVersion() => Storage.Version++;
}
