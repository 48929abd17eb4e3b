using AutoNet;
using AutoNet.Data;
using AutoNet.Nn;
using AutoNet.Optim;

namespace DocSamples.ComingFromPyTorch;

/// <summary>A three-class classifier, written the way train_torch.py
/// writes it in PyTorch.</summary>
public static class TrainLoop
{
    public static void Run(TextWriter o)
    {
        Init.ManualSeed(0);
        double[,] centers = { { -2, 0 }, { 2, 0 }, { 0, 3 } };
        var (X, labels) = Datasets.MakeBlobs(150, centers, randomState: 0);
        int[] y = [.. labels.ToArray().Select(v => (int)v)]; // class indices

        var model = new Sequential(
            new Linear(2, 16), new ReLU(), new Linear(16, 3));
        var lossFunction = new CrossEntropyLoss();
        var optimizer = new Adam(model.Parameters(), lr: 0.01);

        for (int epoch = 0; epoch < 100; epoch++)
        {
            optimizer.ZeroGrad();
            var loss = lossFunction.Forward(model.Forward(X), y);
            loss.Backward();
            optimizer.Step();
            if (epoch % 25 == 0 || epoch == 99)
                o.WriteLine($"epoch {epoch}: loss {loss.Item():F4}");
        }
    }
}
