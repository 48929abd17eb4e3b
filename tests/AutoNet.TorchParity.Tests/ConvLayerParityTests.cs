using AutoNet.Nn;
using AutoNet.TorchParity.Tests.Support;
using AutoNet.TorchSharp;
using TorchSharp;
using Xunit;
using TorchModules = TorchSharp.Modules;

namespace AutoNet.TorchParity.Tests;

/// <summary>
/// Convolution and pooling layers (issue 12): exported to TorchSharp with random weights and checked with
/// Parity.CheckModule (output, input gradient, every parameter gradient) in float64 and float32; imported from
/// TorchSharp with their settings; a round trip keeps printout and state dict.
/// </summary>
public class ConvLayerParityTests
{
    private static (Module Module, int[] InputShape) Build(string name, DType dtype) => name switch
    {
        "Conv1d" => (new Conv1d(3, 4, 3, dtype: dtype), [2, 3, 9]),
        "Conv1d stride 2 padding 2 dilation 2 groups 3" => (new Conv1d(3, 6, 3, stride: 2, padding: 2, dilation: 2, groups: 3, dtype: dtype), [2, 3, 11]),
        "Conv1d unbatched without bias" => (new Conv1d(2, 3, 2, bias: false, dtype: dtype), [2, 7]),
        "Conv2d" => (new Conv2d(3, 4, 3, padding: 1, dtype: dtype), [2, 3, 6, 5]),
        "Conv2d pairs without bias" => (new Conv2d(2, 3, (3, 2), (2, 1), (1, 0), (1, 2), bias: false, dtype: dtype), [2, 2, 7, 6]),
        "Conv2d groups 2 unbatched" => (new Conv2d(4, 6, 2, stride: 2, groups: 2, dtype: dtype), [4, 6, 6]),
        "MaxPool1d" => (new Nn.MaxPool1d(3, 2, 1), [2, 3, 9]),
        "MaxPool2d" => (new Nn.MaxPool2d(2), [2, 3, 6, 5]),
        "AvgPool1d" => (new Nn.AvgPool1d(2), [2, 3, 9]),
        "AvgPool2d" => (new Nn.AvgPool2d(3, 1, 1), [2, 3, 6, 5]),
        "AdaptiveAvgPool2d" => (new AdaptiveAvgPool2d(3), [2, 3, 7, 5]),
        "Digits CNN" => (new Sequential(
            new Conv2d(1, 8, 3, padding: 1, dtype: dtype, generator: new Data.NumPyRandomState(1)), new ReLU(), new Nn.MaxPool2d(2),
            new Conv2d(8, 16, 3, padding: 1, dtype: dtype, generator: new Data.NumPyRandomState(2)), new ReLU(), new Nn.MaxPool2d(2),
            new Nn.Flatten(), new Linear(64, 10, dtype: dtype, generator: new Data.NumPyRandomState(3))), [4, 1, 8, 8]),
        _ => throw new ArgumentException(name),
    };

    private static readonly string[] Names =
    [
        "Conv1d", "Conv1d stride 2 padding 2 dilation 2 groups 3", "Conv1d unbatched without bias", "Conv2d", "Conv2d pairs without bias",
        "Conv2d groups 2 unbatched", "MaxPool1d", "MaxPool2d", "AvgPool1d", "AvgPool2d", "AdaptiveAvgPool2d", "Digits CNN",
    ];

    public static IEnumerable<object[]> Cases() =>
        from name in Names from dtype in new[] { DType.Float64, DType.Float32 } select new object[] { name, dtype };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Layer_matches_its_TorchSharp_export(string name, DType dtype)
    {
        var (module, shape) = Build(name, dtype);
        LayerParityTests.Randomize(module, new Data.NumPyRandomState(Inputs.StableSeed(name)));
        var x = Inputs.Make(name, dtype, [new InputSpec(shape, InputKind.Wide)])[0];
        using var scope = torch.NewDisposeScope();

        var result = Parity.CheckModule(module, x, Options(dtype));

        ParityLog.AssertPassed(result, $"layer {name} {dtype.Name()}");
        Assert.Equal(2 + module.Parameters().Count(), result.Comparisons.Count);
    }

    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Float32)]
    public void Import_builds_each_layer_with_its_settings_and_weights(DType dtype)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(11);
        var st = dtype.ToScalarType();
        var torchModel = torch.nn.Sequential(
            ("0", torch.nn.Conv2d(2, 6, (3L, 2L), stride: (2L, 1L), padding: (1L, 1L), dilation: (1L, 2L), groups: 2, dtype: st)),
            ("1", torch.nn.MaxPool2d(2, 1, 1)), ("2", torch.nn.AvgPool2d(2, 1)), ("3", torch.nn.AdaptiveAvgPool2d(2)));

        var model = torchModel.ToAutoNet();

        var layers = ((Sequential)model).Layers;
        var conv = Assert.IsType<Conv2d>(layers[0]);
        Assert.Equal((2, 6, (3, 2), (2, 1), (1, 1), (1, 2), 2), (conv.InChannels, conv.OutChannels, conv.KernelSize, conv.Stride, conv.Padding, conv.Dilation, conv.Groups));
        Assert.Equal(dtype, conv.Weight.DType);
        var max = Assert.IsType<Nn.MaxPool2d>(layers[1]);
        Assert.Equal((2, 1, 1), (max.KernelSize, max.Stride, max.Padding));
        var avg = Assert.IsType<Nn.AvgPool2d>(layers[2]);
        Assert.Equal((2, 1, 0), (avg.KernelSize, avg.Stride, avg.Padding));
        Assert.Equal(2, Assert.IsType<AdaptiveAvgPool2d>(layers[3]).OutputSize);
        Assert.Equal(torchModel.state_dict().Keys.OrderBy(k => k), model.StateDict().Keys.OrderBy(k => k));
        var x = Inputs.Make("import conv layers", dtype, [new InputSpec([2, 2, 9, 8])])[0];
        ParityLog.AssertPassed(Parity.CheckModule(model, torchModel, x, Options(dtype)), $"imported conv layers {dtype.Name()}");
    }

    [Fact]
    public void Import_refuses_settings_AutoNet_lacks()
    {
        using var scope = torch.NewDisposeScope();
        var ex = Assert.Throws<NotSupportedException>(() => torch.nn.MaxPool2d(2, ceil_mode: true).ToAutoNet());
        Assert.Contains("MaxPool2d with ceil_mode or dilation", ex.Message);
        Assert.Throws<NotSupportedException>(() => torch.nn.Conv2d(2, 2, 3, padding_mode: PaddingModes.Reflect).ToAutoNet());
        Assert.Throws<NotSupportedException>(() => torch.nn.AvgPool2d((2L, 3L)).ToAutoNet());
    }

    [Fact]
    public void Round_trip_gives_back_the_same_layers_settings_and_state()
    {
        var model = new Sequential(new Conv1d(2, 4, 3, stride: 2, padding: 1, dilation: 2, groups: 2, bias: false),
            new Nn.MaxPool1d(2, 1, 1), new Nn.AvgPool1d(3, 2, 1));
        var model2d = new Sequential(new Conv2d(3, 4, (3, 1), (1, 2), (0, 1), (2, 1)), new Nn.MaxPool2d(3, 2, 1), new Nn.AvgPool2d(2), new AdaptiveAvgPool2d(1));
        using var scope = torch.NewDisposeScope();
        foreach (var m in new Module[] { model, model2d })
        {
            LayerParityTests.Randomize(m, new Data.NumPyRandomState(13));
            var back = m.ToTorch().ToAutoNet();
            Assert.Equal(m.ToString(), back.ToString());
            var ours = m.StateDict();
            var theirs = back.StateDict();
            Assert.Equal(ours.Keys, theirs.Keys);
            foreach (var key in ours.Keys) Assert.Equal(ours[key].ToArray(), theirs[key].ToArray());
        }
    }

    /// <summary>float32: the convolutions' sums of terms of both signs get a tolerance relative to the largest element.</summary>
    private static ParityOptions Options(DType dtype) =>
        dtype == DType.Float32 ? new ParityOptions { Tolerance = new ParityTolerance(1e-5, 1e-6, RelativeToLargest: 1e-5) } : ParityOptions.Default;
}
