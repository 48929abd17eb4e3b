using AutoNet.Internal;

namespace AutoNet;

/// <summary>
/// Reverse-mode autodiff over the recorded graph. Two passes, neither recursive (a chain of a million ops must
/// not overflow the stack):
/// <list type="number">
/// <item>Discover every node reachable from the roots with an explicit stack, counting for each node how many
/// reachable consumers will send it a gradient (for <see cref="Autograd.Grad"/>, only the nodes <see cref="ExecInfo"/>
/// says are needed).</item>
/// <item>Kahn's topological order: a node runs its backward once all its consumers have contributed; gradients
/// arriving at the same node are summed; what a backward returns is checked (<see cref="ValidateOutputs"/>);
/// gradients reaching a leaf that requires grad go into its <see cref="Tensor.Grad"/> (<see cref="AccumulateGrad"/>),
/// or, for <see cref="Autograd.Grad"/>, into the requested slots. Without <c>retainGraph</c> each node then frees
/// what it saved.</item>
/// </list>
/// </summary>
internal static class BackwardEngine
{
    private static int _visitCounter;

    /// <summary>Runs backward from <paramref name="roots"/> seeded with <paramref name="rootGrads"/>.</summary>
    /// <param name="roots">The outputs to differentiate.</param>
    /// <param name="rootGrads">The gradient seeding each root (the caller's: never taken over by a leaf).</param>
    /// <param name="retainGraph">Keep saved tensors so backward can run through the graph again.</param>
    /// <param name="createGraph">Record the backward ops (grad mode on) for higher-order gradients.</param>
    /// <param name="captureInputs">For <c>Autograd.Grad</c>: the tensors whose gradients are returned instead of
    /// accumulated into leaves' <c>Grad</c>; null for <c>Tensor.Backward</c>.</param>
    public static Tensor?[]? Run(Tensor[] roots, Tensor[] rootGrads, bool retainGraph, bool createGraph, Tensor[]? captureInputs)
    {
        int mark = Interlocked.Increment(ref _visitCounter);
        var exec = captureInputs is null ? null : new ExecInfo(roots, captureInputs);
        var order = Discover(roots, mark, exec);

        using var mode = GradMode.Set(createGraph);
        var hooked = new Dictionary<Tensor, Tensor>(ReferenceEqualityComparer.Instance); // leaves with hooks: their summed gradient
        for (int i = 0; i < roots.Length; i++)
        {
            if (roots[i].GradFn is { } fn)
            {
                if (fn.VisitMark == mark) fn.PendingGrad = Accumulate(fn.PendingGrad, rootGrads[i]); // else not needed
            }
            else Deliver(roots[i], rootGrads[i], owned: false, createGraph, exec, hooked);
        }
        var ready = new Stack<Node>(order.Count);
        foreach (var node in order)
            if (node.PendingDependencies == 0) ready.Push(node);
        var observer = BackwardObserver.Current; // null unless, e.g., inside Autograd.TraceBackward
        observer?.Begin(roots, rootGrads, exec is null);
        // Gradients may be summed in place into a tensor only this pass holds (PendingGrads) when nothing else can
        // see the sums: no recorded backward, no trace or anomaly check looking at each node's gradients.
        bool inPlace = !createGraph && exec is null && observer is null && !AnomalyMode.IsEnabled;

        try
        {
            while (ready.Count > 0)
            {
                var node = ready.Pop();
                var grad = node.PendingGrad;
                node.PendingGrad = null;
                node.PendingOwned = false;
                if (grad is not null && node.OutputHooks is { } hooks)
                    grad = hooks.Run(grad, node.OutputMeta.Shape, node.OutputMeta.DType).Grad; // the tensor's hooks, before its node
                if (exec is not null)
                {
                    exec.ReachedNode(node, grad);
                    if (!exec.Runs(node)) continue;
                }
                var inputs = node.RawInputs;

                if (inPlace && grad is not null && PendingGrads.TryAddInto(node, grad))
                {
                    // The node added its input's gradient into the one waiting there (a slice's gradient into its
                    // place in the whole); nothing else to send.
                    var child = inputs[0].GradFn!;
                    if (--child.PendingDependencies == 0) ready.Push(child);
                    if (!retainGraph) node.Release();
                    continue;
                }

                Tensor?[]? inputGrads = null;
                if (grad is not null)
                {
                    node.CheckVersions();
                    inputGrads = node.Backward(grad);
                    ValidateOutputs.Check(node, inputGrads, inputs);
                    if (AnomalyMode.IsEnabled) AnomalyMode.CheckBackward(node, inputGrads);
                }
                observer?.Step(node, grad, inputGrads, inputs);

                for (int i = 0; i < inputs.Length; i++)
                {
                    var input = inputs[i];
                    var g = inputGrads?[i];
                    if (input.GradFn is { } child)
                    {
                        if (exec is not null && !exec.Wants(child)) continue;
                        if (g is not null) PendingGrads.Add(child, g, inPlace && AccumulateGrad.IsOwned(node, grad!, inputGrads!, i), inPlace);
                        if (--child.PendingDependencies == 0) ready.Push(child);
                    }
                    else if (g is not null && input.RequiresGrad)
                    {
                        Deliver(input, g, exec is null && AccumulateGrad.IsOwned(node, grad!, inputGrads!, i), createGraph, exec, hooked);
                    }
                }
                if (!retainGraph) node.Release();
            }
            if (hooked.Count > 0) DeliverHooked(hooked, createGraph, exec);
        }
        finally
        {
            // On an exception mid-way, leave no half-accumulated state behind on the nodes.
            foreach (var node in order)
            {
                node.PendingGrad = null;
                node.PendingOwned = false;
                node.PendingDependencies = 0;
            }
        }
        return exec?.Captured;
    }

    /// <summary>
    /// Iterative DFS: collects the nodes to visit (for <c>Autograd.Grad</c>, those <paramref name="exec"/> wants) and
    /// counts, for each, the consumers that will send it a gradient. Throws before anything runs if a node that
    /// would run already freed what it saved.
    /// </summary>
    private static List<Node> Discover(Tensor[] roots, int mark, ExecInfo? exec)
    {
        var order = new List<Node>();
        var stack = new Stack<Node>();
        foreach (var root in roots)
        {
            if (root.GradFn is not { } fn || fn.VisitMark == mark || (exec is not null && !exec.Wants(fn))) continue;
            fn.VisitMark = mark;
            fn.PendingDependencies = 0;
            stack.Push(fn);
        }
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            order.Add(node);
            if (exec is not null && !exec.Runs(node)) continue; // reached for its gradient only
            if (node.IsReleased) throw SecondTimeError(node);
            foreach (var input in node.RawInputs)
            {
                if (input.GradFn is not { } child || (exec is not null && !exec.Wants(child))) continue;
                if (child.VisitMark != mark)
                {
                    child.VisitMark = mark;
                    child.PendingDependencies = 0;
                    stack.Push(child);
                }
                child.PendingDependencies++;
            }
        }
        return order;
    }

    /// <summary>PyTorch's "Trying to backward through the graph a second time", naming the node and the fix.</summary>
    internal static InvalidOperationException SecondTimeError(Node node) => new(
        $"Backward: trying to backward through the graph a second time: the node {ValidateOutputs.Describe(node)} already freed " +
        "the tensors it saved for backward, in an earlier Backward. Pass retainGraph: true to the first Backward (or " +
        "Autograd.Grad) if you need to run backward through the same graph again.");

    /// <summary>
    /// A leaf with hooks collects its gradients here, summed, until the graph is done; then its hooks see the sum
    /// once and the result is accumulated, as PyTorch runs a leaf's hooks on its AccumulateGrad node's summed input.
    /// </summary>
    private static void DeliverHooked(Dictionary<Tensor, Tensor> hooked, bool createGraph, ExecInfo? exec)
    {
        foreach (var (leaf, sum) in hooked)
        {
            var (g, replaced) = leaf.LeafHooks!.Run(sum, leaf.ShapeArray, leaf.DType);
            if (exec is not null) exec.ReachedLeaf(leaf, g);
            else AccumulateGrad.Into(leaf, g, owned: false, createGraph);
        }
    }

    private static void Deliver(Tensor leaf, Tensor g, bool owned, bool createGraph, ExecInfo? exec, Dictionary<Tensor, Tensor>? hooked = null)
    {
        if (hooked is not null && leaf.LeafHooks is not null && leaf.RequiresGrad)
        {
            hooked[leaf] = hooked.TryGetValue(leaf, out var sum) ? Accumulate(sum, g) : g;
            return;
        }
        if (exec is not null) exec.ReachedLeaf(leaf, g);
        else if (leaf.RequiresGrad) AccumulateGrad.Into(leaf, g, owned, createGraph);
    }

    private static Tensor Accumulate(Tensor? existing, Tensor g) => existing is null ? g : existing + g;

    /// <summary>Checks that a seed gradient matches its root's shape.</summary>
    public static void CheckSeed(Tensor root, Tensor grad, string op)
    {
        if (!root.ShapeArray.AsSpan().SequenceEqual(grad.ShapeArray))
            throw new ArgumentException(
                $"{op}: the gradient has shape {ShapeUtil.Format(grad.ShapeArray)} but the output has shape {ShapeUtil.Format(root.ShapeArray)}; they must match.");
    }
}
