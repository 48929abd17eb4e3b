using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AutoNet.Kernels;

/// <summary>Elementwise selection by a bool condition, on spans of the condition's length (the operands already broadcast).</summary>
internal static class Selection
{
    /// <summary>
    /// d[i] = c[i] ? a[i] : b[i], for any element type. PyTorch: <c>torch.where</c>. An operand of length 1 stands
    /// for its one value at every i (a broadcast scalar such as the −∞ of a mask or the 0 of where's backward, which
    /// need not be written out at full size first). Four- and eight-byte elements (float, double, long) are picked
    /// eight or four at a time by a vector blend: selection moves bits and computes nothing, so the result is the
    /// same as the loop's.
    /// </summary>
    public static void Where<T>(ReadOnlySpan<bool> c, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged
    {
        int i = 0;
        if (Avx2.IsSupported && c.Length >= 8)
        {
            if (Unsafe.SizeOf<T>() == 4) i = Blend(c, MemoryMarshal.Cast<T, int>(a), MemoryMarshal.Cast<T, int>(b), MemoryMarshal.Cast<T, int>(d));
            else if (Unsafe.SizeOf<T>() == 8) i = Blend(c, MemoryMarshal.Cast<T, long>(a), MemoryMarshal.Cast<T, long>(b), MemoryMarshal.Cast<T, long>(d));
        }
        for (; i < d.Length; i++) d[i] = c[i] ? a[a.Length == 1 ? 0 : i] : b[b.Length == 1 ? 0 : i];
    }

    /// <summary>The vector part of <see cref="Where{T}"/> for 4- or 8-byte elements: a vector's worth of bools
    /// widened to a lane mask (all ones where true), then a blend. Returns how many elements it did.</summary>
    private static int Blend<T>(ReadOnlySpan<bool> c, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged
    {
        int width = Vector256<T>.Count, i = 0;
        ref byte cs = ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetReference(c));
        for (; i <= d.Length - width; i += width)
        {
            var bytes = width == 8                                                  // the next `width` bools
                ? Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<long>(ref Unsafe.Add(ref cs, i))).AsByte()
                : Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref cs, i))).AsByte();
            Vector256<T> mask = width == 8
                ? Vector256.Equals(Avx2.ConvertToVector256Int32(bytes), Vector256<int>.Zero).As<int, T>()
                : Vector256.Equals(Avx2.ConvertToVector256Int64(bytes), Vector256<long>.Zero).As<long, T>();
            var va = a.Length == 1 ? Vector256.Create(a[0]) : Vector256.Create(a.Slice(i, width));
            var vb = b.Length == 1 ? Vector256.Create(b[0]) : Vector256.Create(b.Slice(i, width));
            Vector256.ConditionalSelect(mask, vb, va).CopyTo(d.Slice(i, width));   // mask: lanes whose bool is false
        }
        return i;
    }
}
