using AutoNet.Internal;

namespace AutoNet;

/// <summary>
/// Reverse-mode autodiff over the recorded graph. Two passes, neither recursive (a chain of a million ops must
/// not overflow the stack):
/// <list type="number">
/// <item>Discover every node reachable from the roots with an explicit stack, counting for each node how many
/// reachable consumers will send it a gradient.</item>
/// <item>Kahn's topological order: a node runs its backward once all its consumers have contributed; gradients
/// arriving at the same node are summed; gradients reaching a leaf that requires grad accumulate into
/// <see cref="Tensor.Grad"/> (or, for <see cref="Autograd.Grad"/>, into the requested slots).</item>
/// </list>
/// </summary>
internal static class BackwardEngine
{
    private static int _visitCounter;

    /// <summary>Runs backward from <paramref name="roots"/> seeded with <paramref name="rootGrads"/>.</summary>
    /// <param name="roots">The outputs to differentiate.</param>
    /// <param name="rootGrads">The gradient seeding each root.</param>
    /// <param name="retainGraph">Keep saved tensors so backward can run through the graph again.</param>
    /// <param name="createGraph">Record the backward ops (grad mode on) for higher-order gradients.</param>
    /// <param name="captureInputs">For <c>Autograd.Grad</c>: the tensors whose gradients are returned instead of
    /// accumulated into leaves' <c>Grad</c>; null for <c>Tensor.Backward</c>.</param>
    public static Tensor?[]? Run(Tensor[] roots, Tensor[] rootGrads, bool retainGraph, bool createGraph, Tensor[]? captureInputs)
    {
        int mark = Interlocked.Increment(ref _visitCounter);
        var order = Discover(roots, mark);

        Tensor?[]? captured = captureInputs is null ? null : new Tensor?[captureInputs.Length];
        Dictionary<Tensor, int>? leafSlots = null;
        Dictionary<Node, int>? nodeSlots = null;
        if (captureInputs is not null)
        {
            leafSlots = new(ReferenceEqualityComparer.Instance);
            nodeSlots = new(ReferenceEqualityComparer.Instance);
            for (int i = 0; i < captureInputs.Length; i++)
                if (captureInputs[i].GradFn is { } fn) nodeSlots[fn] = i; else leafSlots[captureInputs[i]] = i;
        }

        using var mode = GradMode.Set(createGraph);
        var ready = new Stack<Node>(order.Count);
        for (int i = 0; i < roots.Length; i++)
        {
            if (roots[i].GradFn is { } fn)
            {
                fn.PendingGrad = Accumulate(fn.PendingGrad, rootGrads[i]);
            }
            else
            {
                DeliverToLeaf(roots[i], rootGrads[i], createGraph, leafSlots, captured);
            }
        }
        foreach (var node in order)
            if (node.PendingDependencies == 0) ready.Push(node);
        var tracer = Visualization.BackwardTracer.Current; // null unless inside Autograd.TraceBackward
        tracer?.Begin(roots, rootGrads, captureInputs is null);

        try
        {
            while (ready.Count > 0)
            {
                var node = ready.Pop();
                var grad = node.PendingGrad;
                node.PendingGrad = null;
                var inputs = node.RawInputs;
                if (nodeSlots is not null && grad is not null && nodeSlots.TryGetValue(node, out int slot)) captured![slot] = grad;

                Tensor?[]? inputGrads = null;
                if (grad is not null)
                {
                    node.CheckVersions();
                    inputGrads = node.Backward(grad);
                    if (AnomalyMode.IsEnabled) AnomalyMode.CheckBackward(node, inputGrads);
                }
                tracer?.Step(node, grad, inputGrads, inputs);

                for (int i = 0; i < inputs.Length; i++)
                {
                    var input = inputs[i];
                    var g = inputGrads is null || i >= inputGrads.Length ? null : inputGrads[i];
                    if (input.GradFn is { } child)
                    {
                        if (g is not null) child.PendingGrad = Accumulate(child.PendingGrad, g);
                        if (--child.PendingDependencies == 0) ready.Push(child);
                    }
                    else if (g is not null && input.RequiresGrad)
                    {
                        DeliverToLeaf(input, g, createGraph, leafSlots, captured);
                    }
                }
                if (!retainGraph) node.Release();
            }
        }
        finally
        {
            // On an exception mid-way, leave no half-accumulated state behind on the nodes.
            foreach (var node in order)
            {
                node.PendingGrad = null;
                node.PendingDependencies = 0;
            }
        }
        return captured;
    }

    /// <summary>Iterative DFS: collects reachable nodes and counts each node's consumers within the graph.</summary>
    private static List<Node> Discover(Tensor[] roots, int mark)
    {
        var order = new List<Node>();
        var stack = new Stack<Node>();
        foreach (var root in roots)
        {
            if (root.GradFn is not { } fn || fn.VisitMark == mark) continue;
            fn.VisitMark = mark;
            fn.PendingDependencies = 0;
            stack.Push(fn);
        }
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node.IsReleased)
                throw new InvalidOperationException(
                    $"Backward: trying to backward through the graph a second time: the node {node.Name} was already freed by an " +
                    "earlier Backward. Pass retainGraph: true to the first Backward (or Autograd.Grad) if you need to run backward " +
                    "through the same graph again.");
            order.Add(node);
            foreach (var input in node.RawInputs)
            {
                if (input.GradFn is not { } child) continue;
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

    private static void DeliverToLeaf(Tensor leaf, Tensor g, bool createGraph, Dictionary<Tensor, int>? leafSlots, Tensor?[]? captured)
    {
        if (leafSlots is not null)
        {
            if (leafSlots.TryGetValue(leaf, out int slot)) captured![slot] = Accumulate(captured[slot], g);
            return;
        }
        if (!leaf.RequiresGrad) return;
        var value = createGraph ? g : g.Detach();
        leaf.Grad = leaf.Grad is null ? value : (createGraph ? leaf.Grad + value : Sum(leaf.Grad, value));
    }

    private static Tensor Accumulate(Tensor? existing, Tensor g) => existing is null ? g : existing + g;

    private static Tensor Sum(Tensor a, Tensor b)
    {
        using var _ = GradMode.Set(false);
        return a + b;
    }

    /// <summary>Checks that a seed gradient matches its root's shape.</summary>
    public static void CheckSeed(Tensor root, Tensor grad, string op)
    {
        if (!root.ShapeArray.AsSpan().SequenceEqual(grad.ShapeArray))
            throw new ArgumentException(
                $"{op}: the gradient has shape {ShapeUtil.Format(grad.ShapeArray)} but the output has shape {ShapeUtil.Format(root.ShapeArray)}; they must match.");
    }
}
