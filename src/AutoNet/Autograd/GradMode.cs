using System.Runtime.CompilerServices;

namespace AutoNet;

/// <summary>
/// Whether operations are being recorded for autograd. The flag is per logical thread of execution
/// (an <see cref="AsyncLocal{T}"/>): a <c>NoGrad</c> scope on one thread does not affect another, and it flows
/// into async continuations started inside it, as a user of <c>torch.no_grad</c> would expect.
/// </summary>
internal static class GradMode
{
    // null means "never set on this flow": enabled.
    private static readonly AsyncLocal<StrongBox<bool>?> Disabled = new();

    /// <summary>True unless inside a <see cref="Autograd.NoGrad"/> scope (or a backward pass without createGraph).</summary>
    public static bool IsEnabled => Disabled.Value is not { Value: true };

    /// <summary>Sets the mode and returns a scope that restores the previous one when disposed.</summary>
    public static Scope Set(bool enabled)
    {
        var previous = Disabled.Value;
        Disabled.Value = enabled ? null : DisabledBox;
        return new Scope(previous);
    }

    private static readonly StrongBox<bool> DisabledBox = new(true);

    /// <summary>Restores the grad mode that was in force when the scope was opened.</summary>
    public sealed class Scope : IDisposable
    {
        private readonly StrongBox<bool>? _previous;
        private bool _disposed;

        internal Scope(StrongBox<bool>? previous) => _previous = previous;

        /// <summary>Restores the previous grad mode.</summary>
        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            Disabled.Value = _previous;
        }
    }
}
