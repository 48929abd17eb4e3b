using AutoNet.Nn;
using AutoNet.Serialization;
using AutoNet.TorchParity.Tests.Support;
using AutoNet.TorchSharp;
using TorchSharp;
using TorchSharp.PyBridge;
using Xunit;

namespace AutoNet.TorchParity.Tests;

/// <summary>
/// safetensors files cross between AutoNet and the PyTorch ecosystem both ways, read and written on the other side by
/// TorchSharp.PyBridge (<c>load_safetensors</c> / <c>save_safetensors</c>): a model saved by AutoNet loads into a
/// TorchSharp model built independently, and computes the same outputs; a TorchSharp model saved by PyBridge loads
/// into an AutoNet model with Module.Load, and computes the same outputs.
/// </summary>
public sealed class SafetensorsInteropTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("autonet-safetensors-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>The same architecture in both libraries, each with its own (different) initial weights.</summary>
    private static Sequential AutoNetModel(DType dtype, uint seed)
    {
        var gen = new Data.NumPyRandomState(seed);
        return new Sequential(new Linear(4, 6, dtype: dtype, generator: gen), new BatchNorm1d(6, dtype: dtype), new Nn.Tanh(),
            new Linear(6, 5, dtype: dtype, generator: gen), new LayerNorm(5, dtype: dtype), new Nn.GELU(), new Linear(5, 2, bias: false, dtype: dtype, generator: gen));
    }

    private static torch.nn.Module<torch.Tensor, torch.Tensor> TorchModel(DType dtype)
    {
        var st = dtype.ToScalarType();
        return torch.nn.Sequential(("0", torch.nn.Linear(4, 6, dtype: st)), ("1", torch.nn.BatchNorm1d(6, dtype: st)), ("2", torch.nn.Tanh()),
            ("3", torch.nn.Linear(6, 5, dtype: st)), ("4", torch.nn.LayerNorm([5L], dtype: st)), ("5", torch.nn.GELU()),
            ("6", torch.nn.Linear(5, 2, hasBias: false, dtype: st)));
    }

    /// <summary>
    /// The defaults, and for float32 a tolerance relative to the largest gradient: the weights before LayerNorm get
    /// gradients in which terms up to 10 cancel to 0.04, and there both float32 results stray from the float64 one
    /// (for 3.weight in float32: AutoNet's by at most 7.3e-6, libtorch's by 1.5e-5, the largest gradient being 10.2), so they differ from each
    /// other by more than atol + rtol · |value| on such small elements.
    /// </summary>
    private static ParityOptions Options(DType dtype) => dtype == DType.Float32
        ? new ParityOptions { Tolerance = new ParityTolerance(1e-5, 1e-6, RelativeToLargest: 1e-5) }
        : ParityOptions.Default;

    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Float32)]
    public void A_file_saved_by_AutoNet_loads_into_TorchSharp_with_PyBridge_and_gives_the_same_outputs(DType dtype)
    {
        var model = AutoNetModel(dtype, 1);
        LayerParityTests.Randomize(model, new Data.NumPyRandomState(2));
        model.Eval();
        string path = Path.Combine(_directory, "autonet.safetensors");
        model.Save(path, new Dictionary<string, string> { ["format"] = "pt" });
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        var torchModel = TorchModel(dtype);
        torchModel.eval();

        torchModel.load_safetensors(path);

        var x = Inputs.Make("AutoNet to PyBridge", dtype, [new InputSpec([7, 4])])[0];
        ParityLog.AssertPassed(Parity.CheckModule(model, torchModel, x, Options(dtype)), $"safetensors AutoNet -> PyBridge {dtype.Name()}");
    }

    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Float32)]
    public void A_file_saved_by_TorchSharp_with_PyBridge_loads_into_AutoNet_and_gives_the_same_outputs(DType dtype)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(4);
        var torchModel = TorchModel(dtype);
        // Training-mode forwards give BatchNorm running statistics of its own; then weights away from their init.
        for (int i = 0; i < 3; i++) torchModel.forward(torch.randn(8, 4, dtype: dtype.ToScalarType()) * 2 + i);
        using (torch.no_grad())
            foreach (var p in torchModel.parameters()) p.add_(torch.randn_like(p) * 0.2);
        torchModel.eval();
        string path = Path.Combine(_directory, "torchsharp.safetensors");
        torchModel.save_safetensors(path);
        var model = AutoNetModel(dtype, 5);
        model.Eval();

        var (missing, unexpected) = model.Load(path);

        Assert.Empty(missing);
        Assert.Empty(unexpected);
        Assert.Equal(3.0, ((BatchNorm1d)model[1]).NumBatchesTracked!.Item());
        var x = Inputs.Make("PyBridge to AutoNet", dtype, [new InputSpec([7, 4])])[0];
        ParityLog.AssertPassed(Parity.CheckModule(model, torchModel, x, Options(dtype)), $"safetensors PyBridge -> AutoNet {dtype.Name()}");
    }

    [Fact]
    public void Each_tensor_keeps_its_name_shape_dtype_and_bits_both_ways()
    {
        var model = AutoNetModel(DType.Float32, 6);
        LayerParityTests.Randomize(model, new Data.NumPyRandomState(7));
        string ours = Path.Combine(_directory, "ours.safetensors");
        string theirs = Path.Combine(_directory, "theirs.safetensors");
        model.Save(ours);
        using var scope = torch.NewDisposeScope();
        var torchModel = TorchModel(DType.Float32);

        torchModel.load_safetensors(ours);
        torchModel.save_safetensors(theirs);
        var back = SafeTensors.Load(theirs);

        var state = model.StateDict();
        Assert.Equal(state.Keys.Order(StringComparer.Ordinal), back.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, value) in state)
        {
            var other = back[key];
            Assert.Equal(value.Shape, other.Shape);
            Assert.Equal(key.EndsWith("num_batches_tracked", StringComparison.Ordinal) ? other.DType : value.DType, other.DType);
            Assert.Equal(value.ToArray(), other.ToArray());
        }
    }

    // dtypes task: I64 and BOOL tensors cross to TorchSharp.PyBridge and back exactly.
    [Fact]
    public void Int64_and_Bool_tensors_cross_both_ways()
    {
        string ours = Path.Combine(_directory, "ints.safetensors");
        string theirs = Path.Combine(_directory, "ints-back.safetensors");
        long[] ids = [long.MinValue, -1, 0, 7, (1L << 53) + 1, long.MaxValue];
        bool[] mask = [true, false, false, true];
        SafeTensors.Save(ours, new Dictionary<string, Tensor> { ["ids"] = Tensor.From(ids, 2, 3), ["mask"] = Tensor.From(mask, 4) });
        using var scope = torch.NewDisposeScope();

        var loaded = global::TorchSharp.PyBridge.Safetensors.LoadStateDict(ours);
        Assert.Equal(torch.ScalarType.Int64, loaded["ids"].dtype);
        Assert.Equal(ids, loaded["ids"].data<long>().ToArray());
        Assert.Equal(torch.ScalarType.Bool, loaded["mask"].dtype);
        Assert.Equal(mask, loaded["mask"].data<bool>().ToArray());

        global::TorchSharp.PyBridge.Safetensors.SaveStateDict(theirs, loaded);
        var back = SafeTensors.Load(theirs);
        Assert.Equal(DType.Int64, back["ids"].DType);
        Assert.Equal([2, 3], back["ids"].Shape);
        Assert.Equal(ids, back["ids"].ToInt64Array());
        Assert.Equal(DType.Bool, back["mask"].DType);
        Assert.Equal(mask, back["mask"].ToBoolArray());
    }
}
