using System.Globalization;
using AutoNet;
using AutoNet.Data;
using AutoNet.Nn;
using AutoNet.Optim;

namespace DocSamples.GettingStarted;

/// <summary>Getting started, part 2: the first ten lines of a model that learns the two moons.</summary>
public static class FirstModel
{
    public static void Run()
    {
        Init.ManualSeed(0); // the initial weights are drawn from this seed (PyTorch: torch.manual_seed)

        var (X, labels) = Datasets.MakeMoons(200, noise: 0.2, randomState: 42);
        var y = labels.Reshape(-1, 1);
        var model = new Sequential(new Linear(2, 16), new ReLU(), new Linear(16, 1), new Sigmoid());
        var lossFunction = new BCELoss();
        var optimizer = new SGD(model.Parameters(), lr: 0.5, momentum: 0.9);
        for (int epoch = 0; epoch < 300; epoch++)
        {
            var loss = lossFunction.Forward(model.Forward(X), y);
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();
            if (epoch % 100 == 0 || epoch == 299)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}: loss {loss.Item():F4}"));
        }

        Console.WriteLine(model);
    }
}
