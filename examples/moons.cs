#!/usr/bin/env dotnet
#:project ../src/AutoNet/AutoNet.csproj

// The seed notebook's two-moons network as a single C# file: `cd examples && dotnet run moons.cs` (.NET 10).
// Prints the notebook's ten lines, then the training accuracy, like `dotnet run --project examples/Moons -c Release`.
using System.Globalization;
using AutoNet;
using AutoNet.Data;
using AutoNet.Nn;
using AutoNet.Optim;

// Data: make_moons(n_samples=200, noise=0.2, random_state=42), labels as a column.
var (X, labels) = Datasets.MakeMoons(200, noise: 0.2, randomState: 42);
var y = labels.Reshape(-1, 1);

// The network: 2 -> 4 ReLU -> 1 sigmoid.
var hidden = new Linear(2, 4);
var output = new Linear(4, 1);
var model = new Sequential(hidden, new ReLU(), output, new Sigmoid());

// The notebook's initial weights: np.random.seed(42); randn(2, 4) * 0.01; randn(4, 1) * 0.01; zero biases.
// Linear stores its weight as [out, in], the notebook as [in, out]: copy the transpose.
var rng = new NumPyRandomState(42);
using (Autograd.NoGrad())
{
    hidden.Weight.CopyFrom((rng.Randn(2, 4) * 0.01).T);
    hidden.Bias!.CopyFrom(Tensor.Zeros(4));
    output.Weight.CopyFrom((rng.Randn(4, 1) * 0.01).T);
    output.Bias!.CopyFrom(Tensor.Zeros(1));
}

// Training: full-batch gradient descent, lr 0.1, 1000 epochs; autograd replaces the hand-written backward.
var lossFunction = new BCELoss();
var optimizer = new SGD(model.Parameters(), lr: 0.1);
for (int epoch = 0; epoch < 1000; epoch++)
{
    var loss = lossFunction.Forward(model.Forward(X), y);
    optimizer.ZeroGrad();
    loss.Backward();
    optimizer.Step();
    if (epoch % 100 == 0)
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Epoch {epoch}, Loss: {loss.Item():F4}"));
}

// Accuracy: predict class 1 where the probability is above 0.5.
using (Autograd.NoGrad())
{
    var predictions = model.Forward(X).ToArray();
    var truth = y.ToArray();
    int correct = predictions.Zip(truth).Count(p => (p.First > 0.5 ? 1.0 : 0.0) == p.Second);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Training accuracy: {(double)correct / truth.Length}"));
}
