using AutoNet.Data;
using AutoNet.Nn;
using AutoNet.TorchParity.Tests.Support;
using AutoNet.TorchSharp;
using TorchSharp;
using Xunit;
using TorchModules = TorchSharp.Modules;

namespace AutoNet.TorchParity.Tests;

/// <summary>
/// Embedding against TorchSharp's: the same table exported, the same Int64 indices (repeated, and the padding row),
/// outputs and table gradients compared; the import keeps the table and its requires_grad.
/// </summary>
public class EmbeddingParityTests
{
    public static IEnumerable<object?[]> Cases() =>
        from dtype in new[] { DType.Float64, DType.Float32 } from padding in new int?[] { null, 2, -1 } select new object?[] { dtype, padding };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Output_and_table_gradient_match_TorchSharp(DType dtype, int? paddingIdx)
    {
        var layer = new Embedding(6, 4, paddingIdx, dtype, new NumPyRandomState(11));
        var indices = Tensor.From([2L, 0, 5, 2, 2, 1, 5, 3, 4, 2, 0, 5], 3, 4);
        var upstream = new NumPyRandomState(12).Randn(3, 4, 4).To(dtype);
        using var scope = torch.NewDisposeScope();
        var twin = (TorchModules.Embedding)layer.ToTorchModule();

        var y = layer.Forward(indices);
        (y * upstream).Sum().Backward();
        var ty = twin.forward(indices.ToTorch());
        (ty * upstream.ToTorch()).sum().backward();

        var close = new Close(ParityTolerance.For(dtype), $"Embedding {dtype.Name()} padding {paddingIdx}");
        close.Check("output", y, ty);
        close.Check("weight.grad", layer.Weight.Grad!, twin.weight!.grad!);
        Assert.Empty(close.Failures);
        if (paddingIdx is not null)
            Assert.All(layer.Weight.Grad![layer.PaddingIdx!.Value].ToArray(), g => Assert.Equal(0.0, g));
    }

    [Fact]
    public void A_torch_state_dict_loads_by_key_and_gives_torchs_output_and_gradient()
    {
        using var scope = torch.NewDisposeScope();
        var theirs = torch.nn.Embedding(7, 3, padding_idx: 1, dtype: torch.float64);
        var ours = new Embedding(7, 3, paddingIdx: 1, generator: new NumPyRandomState(0));
        ours.LoadStateDict(theirs.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.ToAutoNet()));
        var indices = Tensor.From([1L, 4, 4, 6, 0, 1], 2, 3);
        var upstream = new NumPyRandomState(13).Randn(2, 3, 3);

        var y = ours.Forward(indices);
        (y * upstream).Sum().Backward();
        var ty = theirs.forward(indices.ToTorch());
        (ty * upstream.ToTorch()).sum().backward();

        var close = new Close(ParityTolerance.Float64, "Embedding from a torch state dict");
        close.Check("output", y, ty);
        close.Check("weight.grad", ours.Weight.Grad!, theirs.weight!.grad!);
        Assert.Empty(close.Failures);
        Assert.Equal(["weight"], ours.StateDict().Keys);
    }

    [Fact]
    public void Import_keeps_the_table_and_whether_it_trains()
    {
        using var scope = torch.NewDisposeScope();
        var source = torch.nn.Embedding(5, 3, dtype: torch.float64);
        source.weight!.requires_grad = false;
        var imported = (Embedding)source.ToAutoNet();
        Assert.Equal(5, imported.NumEmbeddings);
        Assert.Equal(3, imported.EmbeddingDim);
        Assert.False(imported.Weight.RequiresGrad);
        var close = new Close(ParityTolerance.Float64, "imported table");
        close.Check("weight", imported.Weight, source.weight);
        Assert.Empty(close.Failures);
    }
}
