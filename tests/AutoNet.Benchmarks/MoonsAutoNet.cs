using AutoNet.Nn;
using AutoNet.Optim;

namespace AutoNet.Benchmarks;

/// <summary>The moons network as examples/Moons writes it: Sequential, BCELoss, SGD, autograd.</summary>
public sealed class MoonsAutoNet
{
    private readonly MoonsData _data;
    private readonly Tensor _x, _y;
    private readonly Linear _hidden = new(MoonsData.Inputs, MoonsData.Hidden);
    private readonly Linear _output = new(MoonsData.Hidden, 1);
    private readonly Sequential _model;
    private readonly BCELoss _lossFunction = new();
    private readonly SGD _optimizer;

    public MoonsAutoNet(MoonsData data)
    {
        _data = data;
        _x = Tensor.From(data.X, MoonsData.Samples, MoonsData.Inputs);
        _y = Tensor.From(data.Y, MoonsData.Samples).Reshape(-1, 1);
        _model = new Sequential(_hidden, new ReLU(), _output, new Sigmoid());
        _optimizer = new SGD(_model.Parameters(), MoonsData.LearningRate);
        Reset();
    }

    /// <summary>Puts the seed's initial weights back.</summary>
    public void Reset()
    {
        using (Autograd.NoGrad())
        {
            _hidden.Weight.CopyFrom(Tensor.From(_data.W1OutIn(), MoonsData.Hidden, MoonsData.Inputs));
            _hidden.Bias!.CopyFrom(Tensor.Zeros(MoonsData.Hidden));
            _output.Weight.CopyFrom(Tensor.From(_data.W2, 1, MoonsData.Hidden));
            _output.Bias!.CopyFrom(Tensor.Zeros(1));
        }
    }

    /// <summary>One full-batch epoch: forward, loss, backward, SGD step. Returns the loss tensor.</summary>
    public Tensor Epoch()
    {
        var loss = _lossFunction.Forward(_model.Forward(_x), _y);
        _optimizer.ZeroGrad();
        loss.Backward();
        _optimizer.Step();
        return loss;
    }

    /// <summary>Trains from the initial weights and returns the last loss.</summary>
    public double Train(int epochs)
    {
        Reset();
        Tensor? loss = null;
        for (int e = 0; e < epochs; e++) loss = Epoch();
        return loss?.Item() ?? double.NaN;
    }
}
