using System.Buffers;

namespace AutoNet.Kernels;

/// <summary>
/// A work array borrowed from <see cref="ArrayPool{T}.Shared"/> for the length of one kernel call and given back on
/// <see cref="Dispose"/>: <c>using var columns = new ScratchBuffer&lt;float&gt;(n);</c>. Large scratch arrays (a
/// convolution's column matrix is often over 85 KB) would otherwise land on the large-object heap on every call.
/// The array may be longer than asked and holds old values: kernels must write before they read.
/// </summary>
internal readonly struct ScratchBuffer<T> : IDisposable
{
    /// <summary>Borrows an array of at least <paramref name="length"/> elements.</summary>
    public ScratchBuffer(int length) => Array = ArrayPool<T>.Shared.Rent(length);

    /// <summary>The borrowed array (at least the length asked for; its contents are arbitrary).</summary>
    public T[] Array { get; }

    /// <summary>Gives the array back to the pool.</summary>
    public void Dispose() => ArrayPool<T>.Shared.Return(Array);
}
