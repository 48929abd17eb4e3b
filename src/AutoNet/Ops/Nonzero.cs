using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// The positions of the nonzero (true) elements: an Int64 tensor [n, rank], one row of coordinates per element in
/// row-major order. PyTorch: <c>nonzero</c>. Integer-valued, so not differentiable (nothing is recorded).
/// </summary>
internal static class Nonzero
{
    public static Tensor Forward(Tensor x)
    {
        x = x.Contiguous();
        int n = x.Storage.Data switch
        {
            float[] => IndexLoops.CountNonzero<float>(x.Span<float>()),
            double[] => IndexLoops.CountNonzero<double>(x.Span<double>()),
            long[] => IndexLoops.CountNonzero<long>(x.Span<long>()),
            bool[] => IndexLoops.CountNonzero<bool>(x.Span<bool>()),
            _ => throw IndexChecks.Unsupported(x, "Nonzero"),
        };
        var y = Tensor.ZeroFilled([n, x.Rank], DType.Int64, "Nonzero");
        var rows = y.Span<long>();
        switch (x.Storage.Data)
        {
            case float[]: IndexLoops.Nonzero<float>(x.Span<float>(), x.ShapeArray, rows); break;
            case double[]: IndexLoops.Nonzero<double>(x.Span<double>(), x.ShapeArray, rows); break;
            case long[]: IndexLoops.Nonzero<long>(x.Span<long>(), x.ShapeArray, rows); break;
            default: IndexLoops.Nonzero<bool>(x.Span<bool>(), x.ShapeArray, rows); break;
        }
        return y;
    }
}
