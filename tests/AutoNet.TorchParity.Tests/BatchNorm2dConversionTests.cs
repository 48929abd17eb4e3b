using AutoNet.Nn;
using AutoNet.TorchSharp;
using TorchSharp;
using Xunit;
using TorchModules = TorchSharp.Modules;

namespace AutoNet.TorchParity.Tests;

/// <summary>BatchNorm2d and GroupNorm converted both ways: settings, parameters and buffers carried, the same outputs in train and eval.</summary>
public class BatchNorm2dConversionTests
{
    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Float32)]
    public void Export_carries_the_settings_parameters_and_buffers(DType dtype)
    {
        var model = new Sequential(new BatchNorm2d(3, eps: 1e-3, momentum: null, dtype: dtype), new BatchNorm2d(3, affine: false, trackRunningStats: false, dtype: dtype));
        LayerParityTests.Randomize(model, new Data.NumPyRandomState(5));
        using var scope = torch.NewDisposeScope();

        var exported = model.ToTorch();

        var layers = exported.children().ToList();
        var bn = Assert.IsType<TorchModules.BatchNorm2d>(layers[0]);
        Assert.Equal((3L, 1e-3, (double?)null, true, true), (bn.num_features, bn.eps, bn.momentum, bn.affine, bn.track_running_stats));
        var plain = Assert.IsType<TorchModules.BatchNorm2d>(layers[1]);
        Assert.Equal((false, false), (plain.affine, plain.track_running_stats));
        LayerConversionTests.AssertSameState(model, exported);
    }

    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Float32)]
    public void Import_after_torch_training_steps_gives_torchs_outputs_in_eval(DType dtype)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        var st = dtype.ToScalarType();
        var torchBn = torch.nn.BatchNorm2d(4, eps: 1e-4, momentum: 0.2, dtype: st);
        using (torch.no_grad())
        {
            torchBn.weight!.uniform_(0.5, 1.5);
            torchBn.bias!.uniform_(-0.5, 0.5);
        }
        for (int i = 0; i < 3; i++) torchBn.forward(torch.randn(2, 4, 3, 3, dtype: st) * (i + 1) + i);

        var ours = Assert.IsType<BatchNorm2d>(torchBn.ToAutoNet());

        Assert.Equal((4, 1e-4, (double?)0.2), (ours.NumFeatures, ours.Eps, ours.Momentum));
        LayerConversionTests.AssertSameState(ours, torchBn);
        ours.Eval();
        torchBn.eval();
        var x = torch.randn(2, 4, 3, 3, dtype: st);
        var expected = torchBn.forward(x).ToAutoNet().ToArray();
        var actual = ours.Forward(x.ToAutoNet()).ToArray();
        double tol = dtype == DType.Float64 ? 1e-12 : 1e-5;
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= tol * (1 + Math.Abs(expected[i])), $"element {i}: {actual[i]} vs {expected[i]}");
    }

    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Float32)]
    public void GroupNorm_converts_both_ways_with_its_settings_and_parameters(DType dtype)
    {
        var ours = new GroupNorm(3, 6, eps: 1e-3, dtype: dtype);
        LayerParityTests.Randomize(ours, new Data.NumPyRandomState(8));
        using var scope = torch.NewDisposeScope();

        var exported = Assert.IsType<TorchModules.GroupNorm>(ours.ToTorchModule());
        Assert.Equal((3L, 1e-3, true), (exported.num_groups, exported.eps, exported.affine));
        LayerConversionTests.AssertSameState(ours, exported);

        var back = Assert.IsType<GroupNorm>(exported.ToAutoNet());
        Assert.Equal((3, 6, 1e-3), (back.NumGroups, back.NumChannels, back.Eps));
        Assert.Equal(ours.Weight!.ToArray(), back.Weight!.ToArray());
        Assert.Equal(ours.Bias!.ToArray(), back.Bias!.ToArray());
        var e = Assert.Throws<NotSupportedException>(() => torch.nn.GroupNorm(2, 4, affine: false).ToAutoNet());
        Assert.Contains("GroupNorm", e.Message);
    }
}
