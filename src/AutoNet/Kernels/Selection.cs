namespace AutoNet.Kernels;

/// <summary>Elementwise selection by a bool condition, on spans of equal length (the operands already broadcast).</summary>
internal static class Selection
{
    /// <summary>d[i] = c[i] ? a[i] : b[i], for any element type. PyTorch: <c>torch.where</c>.</summary>
    public static void Where<T>(ReadOnlySpan<bool> c, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged
    {
        for (int i = 0; i < d.Length; i++) d[i] = c[i] ? a[i] : b[i];
    }
}
