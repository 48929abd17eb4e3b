namespace AutoNet;

/// <summary>
/// Whether operations are being recorded for autograd: a stack of open <see cref="Autograd.NoGrad"/> /
/// <see cref="Autograd.EnableGrad"/> scopes, per logical flow of execution (an <see cref="AsyncLocal{T}"/>).
/// </summary>
/// <remarks>
/// <para>PyTorch's grad mode is thread-local, and a new thread starts with grad enabled. Here a scope applies to
/// the thread that opened it and to the code that flows from it on the thread pool: async continuations after
/// <c>await</c> (on the thread pool, a synchronization context or a task scheduler), <c>Task.Run</c> and
/// <c>Parallel.For</c> bodies
/// (as PyTorch's own worker pools carry the mode of the thread that submitted the work). A dedicated
/// <see cref="Thread"/> started inside a scope does not see it: it starts with grad enabled, as in PyTorch. (The
/// one gap: a continuation that runs inline on such a bare thread, because that thread completed the awaited
/// task, sees that thread's mode.)</para>
/// <para>Scopes must be disposed in the reverse order of opening (a <c>using</c> does it). Disposing one while a
/// scope opened inside it is still open throws <see cref="InvalidOperationException"/>; the mode then stays as
/// the still-open scopes say, and returns to what it was before the first of them once all are disposed.</para>
/// </remarks>
internal static class GradMode
{
    // The innermost scope of this flow (null: none, grad enabled). Each scope links to the one it was opened in.
    private static readonly AsyncLocal<Scope?> Current = new();

    /// <summary>True unless inside a <see cref="Autograd.NoGrad"/> scope (or a backward pass without createGraph).</summary>
    public static bool IsEnabled
    {
        get
        {
            var scope = Current.Value;
            if (scope is null) return true;
            int thread = Environment.CurrentManagedThreadId;
            for (; scope is not null; scope = scope.Parent)
                if (!scope.IsDisposed && (scope.ThreadId == thread || OnAContinuationThread())) return scope.Enabled;
            return true;
        }
    }

    /// <summary>
    /// True where async continuations and tasks run: the thread pool, a synchronization context's thread (UI, test
    /// runners) or a task scheduler's. A bare <see cref="Thread"/> is none of these, so it sees only its own scopes.
    /// </summary>
    private static bool OnAContinuationThread() =>
        Thread.CurrentThread.IsThreadPoolThread || SynchronizationContext.Current is not null || Task.CurrentId is not null;

    /// <summary>Sets the mode and returns a scope that restores the previous one when disposed.</summary>
    public static Scope Set(bool enabled)
    {
        var scope = new Scope(enabled, Current.Value);
        Current.Value = scope;
        return scope;
    }

    /// <summary>One open <c>NoGrad</c> or <c>EnableGrad</c> scope; disposing it restores the mode it was opened in.</summary>
    public sealed class Scope : IDisposable
    {
        private volatile bool _disposed;

        internal Scope(bool enabled, Scope? parent)
        {
            Enabled = enabled;
            Parent = parent;
            ThreadId = Environment.CurrentManagedThreadId;
        }

        internal bool Enabled { get; }
        internal Scope? Parent { get; }
        internal int ThreadId { get; }
        internal bool IsDisposed => _disposed;
        private string Name => Enabled ? "EnableGrad" : "NoGrad";

        /// <summary>Restores the grad mode that was in force when the scope was opened.</summary>
        /// <exception cref="InvalidOperationException">A scope opened inside this one is still open (the mode is
        /// left as the open scopes say, and is right again once they are disposed).</exception>
        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            var top = Current.Value;
            if (!ReferenceEquals(top, this))
            {
                var open = top;
                while (open is { IsDisposed: true }) open = open.Parent;
                throw new InvalidOperationException(open is not null && Contains(open, this)
                    ? $"Autograd.{Name}: this scope was disposed before the {open.Name} scope opened inside it; dispose scopes in the reverse order of opening (a using block does). " +
                      "Grad mode stays as the open scopes say, and is restored once they are all disposed."
                    : $"Autograd.{Name}: this scope was disposed outside the thread or async flow that opened it, or after a scope it was opened in; dispose scopes in the reverse order of opening, where they were opened. " +
                      "Its own flow is restored once the scopes opened inside it are disposed.");
            }
            var parent = Parent;
            while (parent is { IsDisposed: true }) parent = parent.Parent;
            Current.Value = parent;
        }

        private static bool Contains(Scope from, Scope target)
        {
            for (var s = from.Parent; s is not null; s = s.Parent)
                if (ReferenceEquals(s, target)) return true;
            return false;
        }
    }
}
