using System.Numerics;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>The six elementwise comparisons.</summary>
internal enum Comparison { Eq, Ne, Lt, Le, Gt, Ge }

/// <summary>
/// y = a == b (!=, &lt;, &lt;=, &gt;, &gt;=) elementwise with broadcasting, a Bool tensor. The operands are promoted to
/// a common dtype as PyTorch does (an Int64 compared with a float compares as floats; Bool operands compare as 0/1).
/// Not differentiable: the result is Bool, so it records nothing (PyTorch: its outputs never require grad). A NaN
/// is unequal to everything, itself included (only <c>Ne</c> is true), as in IEEE 754 and PyTorch.
/// </summary>
internal static class Compare
{
    public static Tensor Forward(Tensor a, Tensor b, Comparison kind)
    {
        (a, b, var shape) = Broadcasting.Prepare(a, b, kind.ToString(), IntegerRule.Arithmetic);
        a = a.Contiguous();
        b = b.Contiguous();
        var d = Elementwise.Uninitialized(shape, DType.Bool);
        switch (a.DType)
        {
            case DType.Float32: Run<float>(a, b, d, kind); break;
            case DType.Int64: Run<long>(a, b, d, kind); break;
            default: Run<double>(a, b, d, kind); break;
        }
        return d;
    }

    private static void Run<T>(Tensor a, Tensor b, Tensor d, Comparison kind) where T : unmanaged, INumber<T>
    {
        ReadOnlySpan<T> sa = a.Span<T>(), sb = b.Span<T>();
        var sd = d.Span<bool>();
        switch (kind)
        {
            case Comparison.Eq: ElementLoops.Binary<T, bool, Eq<T>>(sa, a.ShapeArray, sb, b.ShapeArray, sd, d.ShapeArray, default); break;
            case Comparison.Ne: ElementLoops.Binary<T, bool, Ne<T>>(sa, a.ShapeArray, sb, b.ShapeArray, sd, d.ShapeArray, default); break;
            case Comparison.Lt: ElementLoops.Binary<T, bool, Lt<T>>(sa, a.ShapeArray, sb, b.ShapeArray, sd, d.ShapeArray, default); break;
            case Comparison.Le: ElementLoops.Binary<T, bool, Le<T>>(sa, a.ShapeArray, sb, b.ShapeArray, sd, d.ShapeArray, default); break;
            case Comparison.Gt: ElementLoops.Binary<T, bool, Gt<T>>(sa, a.ShapeArray, sb, b.ShapeArray, sd, d.ShapeArray, default); break;
            default: ElementLoops.Binary<T, bool, Ge<T>>(sa, a.ShapeArray, sb, b.ShapeArray, sd, d.ShapeArray, default); break;
        }
    }

    private readonly struct Eq<T> : IElementBinary<T, bool> where T : INumber<T> { public bool Apply(T a, T b) => a == b; }
    private readonly struct Ne<T> : IElementBinary<T, bool> where T : INumber<T> { public bool Apply(T a, T b) => a != b; }
    private readonly struct Lt<T> : IElementBinary<T, bool> where T : INumber<T> { public bool Apply(T a, T b) => a < b; }
    private readonly struct Le<T> : IElementBinary<T, bool> where T : INumber<T> { public bool Apply(T a, T b) => a <= b; }
    private readonly struct Gt<T> : IElementBinary<T, bool> where T : INumber<T> { public bool Apply(T a, T b) => a > b; }
    private readonly struct Ge<T> : IElementBinary<T, bool> where T : INumber<T> { public bool Apply(T a, T b) => a >= b; }
}
