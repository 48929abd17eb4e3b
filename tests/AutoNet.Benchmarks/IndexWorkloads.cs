using TorchSharp;
using static TorchSharp.torch;

namespace AutoNet.Benchmarks;

/// <summary>
/// The embedding lookup <c>C[X]</c> of a character-level model, forward and backward, float32: C [27, 10], X [32, 3]
/// Int64. AutoNet spells it <c>C.IndexSelect(0, X.Reshape(-1)).Reshape(32, 3, 10)</c>; TorchSharp both as
/// <c>C[X]</c> (advanced indexing) and with index_select. The <c>index</c> section of <c>--short</c>.
/// </summary>
public sealed class IndexWorkload
{
    private const int Rows = 27, Width = 10, Batch = 32, Context = 3;
    private readonly global::AutoNet.Tensor _c, _x, _seed;
    private readonly torch.Tensor _tc, _tx, _tflat, _tseed;

    public IndexWorkload()
    {
        var rng = new global::AutoNet.Data.NumPyRandomState(7);
        _c = rng.Randn(Rows, Width).To(DType.Float32);
        _c.RequiresGrad = true;
        var picks = new long[Batch * Context];
        for (int i = 0; i < picks.Length; i++) picks[i] = (long)(rng.Rand(1).Item() * Rows);
        _x = global::AutoNet.Tensor.From(picks, Batch, Context);
        _seed = global::AutoNet.Tensor.Ones([Batch, Context, Width], DType.Float32);
        _tc = tensor(_c.ToFloatArray(), [Rows, Width]).requires_grad_();
        _tx = tensor(picks, [Batch, Context]);
        _tflat = _tx.reshape(-1);
        _tseed = ones(Batch, Context, Width);
    }

    /// <summary>C.IndexSelect(0, X.Reshape(-1)).Reshape(32, 3, 10).Backward(ones), C's gradient reset first.</summary>
    public void RunAutoNet()
    {
        _c.Grad = null;
        _c.IndexSelect(0, _x.Reshape(-1)).Reshape(Batch, Context, Width).Backward(_seed);
    }

    /// <summary>C[X].backward(ones) in TorchSharp.</summary>
    public void RunTorchSharpIndexer()
    {
        using var scope = NewDisposeScope();
        _tc.grad?.zero_();
        _tc[_tx].backward([_tseed]);
    }

    /// <summary>C.index_select(0, X.reshape(-1)).reshape(32, 3, 10).backward(ones) in TorchSharp.</summary>
    public void RunTorchSharpIndexSelect()
    {
        using var scope = NewDisposeScope();
        _tc.grad?.zero_();
        _tc.index_select(0, _tflat).reshape(Batch, Context, Width).backward([_tseed]);
    }

    /// <summary>Times the three and adds the rows and the target (at least 5x faster than the faster TorchSharp spelling).</summary>
    internal static void Report(Func<Func<object?>, int, int, double> median, List<string[]> rows, List<string[]> checks)
    {
        var w = new IndexWorkload();
        double tAuto = median(() => Times(w.RunAutoNet, 1000), 100, 15) / 1000;
        double tIndexer = median(() => Times(w.RunTorchSharpIndexer, 200), 5, 9) / 200;
        double tSelect = median(() => Times(w.RunTorchSharpIndexSelect, 200), 5, 9) / 200;
        const string name = "embedding C[X] fwd+bwd f32, C [27, 10], X [32, 3]";
        rows.Add([name, "AutoNet (IndexSelect)", Us(tAuto), ""]);
        rows.Add([name, "TorchSharp (C[X])", Us(tIndexer), ""]);
        rows.Add([name, "TorchSharp (index_select)", Us(tSelect), ""]);
        double ratio = Math.Min(tIndexer, tSelect) / tAuto;
        checks.Add(["C[X]: faster TorchSharp time / AutoNet time", ratio.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "x", ">= 5x", ratio >= 5 ? "yes" : "no"]);
    }

    private static object? Times(Action action, int n)
    {
        for (int i = 0; i < n; i++) action();
        return null;
    }

    private static string Us(double seconds) => (seconds * 1e6).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + " µs";
}
