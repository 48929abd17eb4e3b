using TorchSharp;
using static TorchSharp.torch;
using TTensor = TorchSharp.torch.Tensor;

namespace AutoNet.Benchmarks;

/// <summary>
/// The same network in TorchSharp as a PyTorch user would write it: nn.Sequential, BCELoss, optim.SGD, autograd,
/// float64, with a DisposeScope per epoch to free the native tensors each epoch makes.
/// </summary>
public sealed class MoonsTorchSharp
{
    private readonly MoonsData _data;
    private readonly TTensor _x, _y;
    private readonly TorchSharp.Modules.Linear _hidden = nn.Linear(MoonsData.Inputs, MoonsData.Hidden, dtype: ScalarType.Float64);
    private readonly TorchSharp.Modules.Linear _output = nn.Linear(MoonsData.Hidden, 1, dtype: ScalarType.Float64);
    private readonly nn.Module<TTensor, TTensor> _model;
    private readonly nn.Module<TTensor, TTensor, TTensor> _lossFunction = nn.BCELoss();
    private readonly optim.Optimizer _optimizer;

    public MoonsTorchSharp(MoonsData data)
    {
        _data = data;
        _x = tensor(data.X, [MoonsData.Samples, MoonsData.Inputs], ScalarType.Float64);
        _y = tensor(data.Y, [MoonsData.Samples, 1], ScalarType.Float64);
        _model = nn.Sequential(_hidden, nn.ReLU(), _output, nn.Sigmoid());
        _optimizer = optim.SGD(_model.parameters(), MoonsData.LearningRate);
        Reset();
    }

    /// <summary>Puts the seed's initial weights back.</summary>
    public void Reset()
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        _hidden.weight!.copy_(tensor(_data.W1OutIn(), [MoonsData.Hidden, MoonsData.Inputs], ScalarType.Float64));
        _hidden.bias!.zero_();
        _output.weight!.copy_(tensor(_data.W2, [1, MoonsData.Hidden], ScalarType.Float64));
        _output.bias!.zero_();
    }

    /// <summary>Trains from the initial weights and returns the last loss.</summary>
    public double Train(int epochs)
    {
        Reset();
        double last = double.NaN;
        for (int e = 0; e < epochs; e++)
        {
            using var scope = NewDisposeScope();
            var loss = _lossFunction.call(_model.call(_x), _y);
            _optimizer.zero_grad();
            loss.backward();
            _optimizer.step();
            if (e == epochs - 1) last = loss.item<double>();
        }
        return last;
    }
}
