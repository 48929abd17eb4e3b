using AutoNet.Nn;
using AutoNet.TorchParity.Tests.Support;
using AutoNet.TorchSharp;
using TorchSharp;
using Xunit;
using TorchModules = TorchSharp.Modules;

namespace AutoNet.TorchParity.Tests;

/// <summary>
/// Export and import of the layers beyond Linear and the first activations: every setting and every parameter and
/// buffer survives both ways, the training mode is carried over, ModuleList converts as a container, and settings
/// AutoNet does not have are refused with a message.
/// </summary>
public class LayerConversionTests
{
    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Float32)]
    public void Export_carries_every_setting_to_the_TorchSharp_layer(DType dtype)
    {
        var model = new Sequential(new Nn.LeakyReLU(0.25), new Nn.GELU("tanh"), new Nn.GELU(), new Nn.Softmax(-1), new Nn.LogSoftmax(0),
            new Nn.Dropout(0.4), new Nn.Flatten(1, 2), new Nn.Identity(), new BatchNorm1d(3, eps: 1e-3, momentum: null, dtype: dtype),
            new LayerNorm([2, 3], eps: 1e-4, dtype: dtype));
        LayerParityTests.Randomize(model, new Data.NumPyRandomState(5));
        using var scope = torch.NewDisposeScope();

        var exported = model.ToTorch();

        var layers = exported.children().ToList();
        Assert.Equal(0.25, Assert.IsType<TorchModules.LeakyReLU>(layers[0]).negative_slope);
        Assert.Equal(TorchModules.GELU.Approximate.tanh, Assert.IsType<TorchModules.GELU>(layers[1]).approximate);
        Assert.Equal(TorchModules.GELU.Approximate.none, Assert.IsType<TorchModules.GELU>(layers[2]).approximate);
        Assert.Equal(-1, Assert.IsType<TorchModules.Softmax>(layers[3]).dim);
        Assert.Equal(0, Assert.IsType<TorchModules.LogSoftmax>(layers[4]).dim);
        Assert.Equal(0.4, Assert.IsType<TorchModules.Dropout>(layers[5]).p);
        var flatten = Assert.IsType<TorchModules.Flatten>(layers[6]);
        Assert.Equal((1, 2), (flatten.start_dim, flatten.end_dim));
        Assert.IsType<TorchModules.Identity>(layers[7]);
        var bn = Assert.IsType<TorchModules.BatchNorm1d>(layers[8]);
        Assert.Equal((3L, 1e-3, (double?)null, true, true), (bn.num_features, bn.eps, bn.momentum, bn.affine, bn.track_running_stats));
        var ln = Assert.IsType<TorchModules.LayerNorm>(layers[9]);
        Assert.Equal([2L, 3L], ln.normalized_shape);
        Assert.Equal(1e-4, ln.eps);
        AssertSameState(model, exported);
    }

    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Float32)]
    public void Import_builds_each_layer_from_a_TorchSharp_model_with_its_weights_and_statistics(DType dtype)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(7);
        var st = dtype.ToScalarType();
        var torchModel = torch.nn.Sequential(
            ("0", torch.nn.Linear(4, 6, dtype: st)), ("1", torch.nn.BatchNorm1d(6, eps: 1e-4, momentum: 0.2, dtype: st)),
            ("2", torch.nn.GELU(TorchModules.GELU.Approximate.tanh, inplace: false)), ("3", torch.nn.Dropout(0.2, inplace: false)),
            ("4", torch.nn.LayerNorm([6L], eps: 1e-6, dtype: st)), ("5", torch.nn.LeakyReLU(0.05, inplace: false)),
            ("6", torch.nn.Identity()), ("7", torch.nn.Linear(6, 3, dtype: st)), ("8", torch.nn.LogSoftmax(1)));
        // Some training steps, so that the running statistics are not their defaults.
        for (int i = 0; i < 3; i++) torchModel.forward(torch.randn(8, 4, dtype: st) * 3 + i);
        using (torch.no_grad())
            foreach (var p in torchModel.parameters()) p.add_(torch.randn_like(p) * 0.3);
        torchModel.eval();

        var model = torchModel.ToAutoNet();

        var layers = ((Sequential)model).Layers;
        var bn = Assert.IsType<BatchNorm1d>(layers[1]);
        Assert.Equal((6, 1e-4, (double?)0.2), (bn.NumFeatures, bn.Eps, bn.Momentum));
        Assert.Equal(3.0, bn.NumBatchesTracked!.Item());
        Assert.Equal("tanh", Assert.IsType<Nn.GELU>(layers[2]).Approximate);
        Assert.Equal(0.2, Assert.IsType<Nn.Dropout>(layers[3]).P);
        Assert.Equal(1e-6, Assert.IsType<LayerNorm>(layers[4]).Eps);
        Assert.Equal(0.05, Assert.IsType<Nn.LeakyReLU>(layers[5]).NegativeSlope);
        Assert.IsType<Nn.Identity>(layers[6]);
        Assert.Equal(1, Assert.IsType<Nn.LogSoftmax>(layers[8]).Dim);
        Assert.False(model.Training);
        Assert.All(layers, l => Assert.False(l.Training));
        AssertSameState(model, torchModel);
        var x = Inputs.Make("import new layers", dtype, [new InputSpec([5, 4])])[0];
        var options = new ParityOptions { Tolerance = dtype == DType.Float32 ? new ParityTolerance(1e-5, 1e-6, RelativeToLargest: 1e-5) : null };
        ParityLog.AssertPassed(Parity.CheckModule(model, torchModel, x, options), $"imported new layers {dtype.Name()}");
    }

    [Fact]
    public void Round_trip_gives_back_the_same_layers_settings_and_state()
    {
        var model = new Sequential(new BatchNorm1d(3, affine: false), new BatchNorm1d(3, trackRunningStats: false), new LayerNorm(3, elementwiseAffine: false),
            new LayerNorm(3), new Nn.GELU("tanh"), new Nn.Softmax(0), new Nn.Flatten(0, -1), new Nn.Dropout(0.1), new Nn.Identity());
        LayerParityTests.Randomize(model, new Data.NumPyRandomState(9));
        using var scope = torch.NewDisposeScope();

        var back = model.ToTorch().ToAutoNet();

        Assert.Equal(model.ToString(), back.ToString());
        var ours = model.StateDict();
        var theirs = back.StateDict();
        Assert.Equal(ours.Keys, theirs.Keys);
        foreach (var key in ours.Keys) Assert.Equal(ours[key].ToArray(), theirs[key].ToArray());
    }

    [Fact]
    public void The_training_mode_of_each_module_is_carried_over_both_ways()
    {
        var model = new Sequential(new Linear(3, 3), new Nn.Dropout(0.5), new BatchNorm1d(3));
        model.Eval();
        model[2].Train();
        using var scope = torch.NewDisposeScope();

        var exported = model.ToTorch();
        var back = exported.ToAutoNet();

        Assert.False(exported.training);
        Assert.Equal([false, false, true], exported.children().Select(c => c.training));
        Assert.False(back.Training);
        Assert.Equal([false, false, true], ((Sequential)back).Layers.Select(l => l.Training));
    }

    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Float32)]
    public void ModuleList_converts_as_a_container_with_its_modules_names_and_values(DType dtype)
    {
        var gen = new Data.NumPyRandomState(21);
        var list = new Nn.ModuleList(new Linear(3, 4, dtype: dtype, generator: gen), new Nn.Tanh(),
            new Nn.ModuleList(new Linear(4, 2, dtype: dtype, generator: gen), new LayerNorm(2, dtype: dtype)));
        LayerParityTests.Randomize(list, gen);
        using var scope = torch.NewDisposeScope();

        var exported = list.ToTorchModule();
        var back = exported.ToAutoNet();

        var torchList = Assert.IsType<TorchModules.ModuleList<torch.nn.Module>>(exported);
        Assert.Equal(3, torchList.Count);
        Assert.Equal(["0.weight", "0.bias", "2.0.weight", "2.0.bias", "2.1.weight", "2.1.bias"], exported.named_parameters().Select(p => p.name));
        AssertSameState(list, exported);
        var backList = Assert.IsType<Nn.ModuleList>(back);
        Assert.IsType<Nn.ModuleList>(backList[2]);
        Assert.Equal(list.ToString(), back.ToString());
        // Each member computes what its TorchSharp counterpart computes (a ModuleList has no forward of its own).
        var x = Inputs.Make("module list", dtype, [new InputSpec([5, 3])])[0];
        ParityLog.AssertPassed(Parity.CheckModule(list[0], (torch.nn.Module<torch.Tensor, torch.Tensor>)torchList[0], x), $"ModuleList[0] {dtype.Name()}");
        var inner = (TorchModules.ModuleList<torch.nn.Module>)torchList[2];
        var h = Inputs.Make("module list inner", dtype, [new InputSpec([5, 4])])[0];
        ParityLog.AssertPassed(Parity.CheckModule(((Nn.ModuleList)list[2])[0], (torch.nn.Module<torch.Tensor, torch.Tensor>)inner[0], h), $"ModuleList[2][0] {dtype.Name()}");
    }

    [Fact]
    public void A_ModuleList_cannot_be_exported_as_a_module_with_a_forward_nor_sit_in_a_Sequential()
    {
        var list = new Nn.ModuleList(new Nn.Tanh());
        using var scope = torch.NewDisposeScope();

        var e1 = Assert.Throws<NotSupportedException>(() => list.ToTorch());
        var e2 = Assert.Throws<NotSupportedException>(() => new Sequential(new Nn.Tanh(), list).ToTorch());

        Assert.Contains("use ToTorchModule", e1.Message);
        Assert.Contains("Sequential holds a ModuleList", e2.Message);
    }

    [Fact]
    public void A_TorchSharp_LayerNorm_with_a_weight_but_no_bias_is_refused()
    {
        using var scope = torch.NewDisposeScope();
        var ln = torch.nn.LayerNorm([4L], bias: false, dtype: torch.ScalarType.Float64);

        var e = Assert.Throws<NotSupportedException>(() => ln.ToAutoNet());

        Assert.Contains("bias=false", e.Message);
    }

    /// <summary>Same state-dict keys and bit-equal values (num_batches_tracked compared as a number). TorchSharp's
    /// state_dict lists all parameters before all buffers, PyTorch's (and AutoNet's) goes module by module, so the
    /// keys are compared as sets.</summary>
    internal static void AssertSameState(Module ours, torch.nn.Module theirs)
    {
        var a = ours.StateDict();
        var b = theirs.state_dict();
        Assert.Equal(a.Keys.Order(StringComparer.Ordinal), b.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, value) in a)
        {
            var other = b[key].to_type(value.DType.ToScalarType()).ToAutoNet();
            Assert.Equal(value.Shape, other.Shape);
            Assert.Equal(value.ToArray().Select(BitConverter.DoubleToInt64Bits), other.ToArray().Select(BitConverter.DoubleToInt64Bits));
        }
    }
}
