using DocSamples.MoonsFourWays;
using TorchSharp;

namespace DocSamples.TorchSharpWay;

/// <summary>Way 4: the same network in TorchSharp (libtorch, PyTorch's engine), from the same data and weights.
/// Compiled and run by tests/AutoNet.TorchParity.Tests (it needs libtorch), not by DocSamples.</summary>
public static class MoonsTorchSharp
{
    public static MoonsGradients EpochZeroGradients()
    {
        using var scope = torch.NewDisposeScope(); // frees libtorch's native memory at the end
        var (X, y) = SeedSetup.Data();
        var (W1, b1, W2, b2) = SeedSetup.InitialWeights();

        var hidden = torch.nn.Linear(2, 4, dtype: torch.float64);
        var output = torch.nn.Linear(4, 1, dtype: torch.float64);
        var model = torch.nn.Sequential(("0", hidden), ("1", torch.nn.ReLU()), ("2", output), ("3", torch.nn.Sigmoid()));
        using (torch.no_grad())
        {
            hidden.weight!.copy_(ToTorch(W1.T));          // PyTorch's Linear is [out, in] too
            hidden.bias!.copy_(ToTorch(b1.Reshape(4)));
            output.weight!.copy_(ToTorch(W2.T));
            output.bias!.copy_(ToTorch(b2.Reshape(1)));
        }

        var loss = torch.nn.functional.binary_cross_entropy(model.forward(ToTorch(X)), ToTorch(y));
        loss.backward();

        return new MoonsGradients(ToAutoNet(hidden.weight!.grad!.t()), ToAutoNet(hidden.bias!.grad!.reshape(1, 4)),
                                  ToAutoNet(output.weight!.grad!.t()), ToAutoNet(output.bias!.grad!.reshape(1, 1)));
    }

    private static torch.Tensor ToTorch(AutoNet.Tensor t) =>
        torch.tensor(t.ToArray(), t.Shape.Select(d => (long)d).ToArray(), dtype: torch.float64);

    private static AutoNet.Tensor ToAutoNet(torch.Tensor t) =>
        AutoNet.Tensor.From(t.contiguous().data<double>().ToArray(), t.shape.Select(d => (int)d).ToArray());
}
