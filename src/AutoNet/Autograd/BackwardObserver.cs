namespace AutoNet;

/// <summary>
/// Something that watches backward passes node by node (the backward tracer of <c>Visualization/</c>). The engine
/// knows only this interface: an observer registers itself for the current thread (and async flow), and the
/// engine reads <see cref="BackwardObserver.Current"/> once per backward pass, paying nothing when none is set.
/// </summary>
internal interface IBackwardObserver
{
    /// <summary>Called once per backward pass, after the roots are seeded.</summary>
    /// <param name="roots">The tensors backward starts from.</param>
    /// <param name="seeds">The gradient seeding each root.</param>
    /// <param name="accumulatesIntoGrad">True for <c>Backward</c> (leaves' <c>Grad</c>), false for <c>Autograd.Grad</c>.</param>
    void Begin(Tensor[] roots, Tensor[] seeds, bool accumulatesIntoGrad);

    /// <summary>Called for each node the engine runs, after its backward and the checks of its result
    /// (<paramref name="grad"/> null: no gradient reached it, so its backward was skipped).</summary>
    void Step(Node node, Tensor? grad, Tensor?[]? inputGrads, IReadOnlyList<Tensor> inputs);
}

/// <summary>The observer registered on this thread (and async flow), if any.</summary>
internal static class BackwardObserver
{
    private static readonly AsyncLocal<IBackwardObserver?> Active = new();

    /// <summary>The observer of this thread, or null.</summary>
    public static IBackwardObserver? Current => Active.Value;

    /// <summary>Makes <paramref name="observer"/> the current one until the returned scope is disposed.</summary>
    public static IDisposable Register(IBackwardObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var previous = Active.Value;
        Active.Value = observer;
        return new Restore(previous);
    }

    private sealed class Restore(IBackwardObserver? previous) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            Active.Value = previous;
        }
    }
}
