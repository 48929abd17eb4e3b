using AutoNet.Data;
using AutoNet.Nn;

namespace AutoNet.Testing.Tests.Support;

/// <summary>
/// The seed notebook's moons network (examples/Moons): make_moons(200, noise 0.2, random_state 42), 2 -> 4 ReLU
/// -> 1 Sigmoid, the notebook's initial weights, binary cross-entropy. tools/record_torch_gradients.py's "moons".
/// </summary>
internal sealed class MoonsExample
{
    public Tensor X { get; }
    public Tensor Y { get; }
    public Sequential Model { get; }

    public MoonsExample()
    {
        var (x, labels) = Datasets.MakeMoons(200, noise: 0.2, randomState: 42);
        X = x;
        Y = labels.Reshape(-1, 1);
        var hidden = new Linear(2, 4);
        var output = new Linear(4, 1);
        Model = new Sequential(hidden, new ReLU(), output, new Sigmoid());
        var rng = new NumPyRandomState(42); // np.random.seed(42); randn(2, 4) * 0.01; randn(4, 1) * 0.01; zero biases
        using (Autograd.NoGrad())
        {
            hidden.Weight.CopyFrom((rng.Randn(2, 4) * 0.01).T);
            hidden.Bias!.CopyFrom(Tensor.Zeros(4));
            output.Weight.CopyFrom((rng.Randn(4, 1) * 0.01).T);
            output.Bias!.CopyFrom(Tensor.Zeros(1));
        }
    }

    public Tensor Loss() => new BCELoss().Forward(Model.Forward(X), Y);

    public Dictionary<string, Tensor> Batch => new() { ["x"] = X, ["y"] = Y };

    public Dictionary<string, Tensor> Inputs => new() { ["x"] = X };
}

/// <summary>
/// Every layer that AutoNet.TorchSharp converts (Sequential, ModuleList, Linear, BatchNorm1d, LayerNorm, ReLU, Tanh,
/// Sigmoid, LeakyReLU, GELU exact and tanh, Softmax, LogSoftmax, Dropout, Flatten, Identity), in float64, as
/// tools/record_torch_gradients.py's AllLayers builds it. Dropout is in eval mode (the two libraries draw different
/// masks) while BatchNorm trains on the batch's statistics.
/// </summary>
internal sealed class AllLayersModel : Module
{
    public Sequential Body { get; } = new(
        new Flatten(), new Linear(6, 8), new BatchNorm1d(8), new ReLU(),
        new Linear(8, 8), new LayerNorm(8), new Tanh(), new Dropout(0.25),
        new Linear(8, 8), new LeakyReLU(0.1), new GELU(),
        new Linear(8, 8), new GELU("tanh"), new Identity(),
        new Linear(8, 8), new Sigmoid());

    public ModuleList Heads { get; } = new(new Linear(8, 3), new Linear(8, 3));

    public LogSoftmax LogSoftmax { get; } = new(1);

    public Softmax Softmax { get; } = new(1);

    public AllLayersModel() => Body[7].Eval();

    /// <summary>The log-probabilities of the first head (a Module has one output; <see cref="Outputs"/> gives both).</summary>
    public override Tensor Forward(Tensor input) => Outputs(input).LogProbabilities;

    public (Tensor LogProbabilities, Tensor Probabilities) Outputs(Tensor input)
    {
        var h = Body.Forward(input);
        return (LogSoftmax.Forward(Heads[0].Forward(h)), Softmax.Forward(Heads[1].Forward(h)));
    }
}

/// <summary>AllLayersModel with seeded weights and batch, and its loss: NLL of the first head plus MSE of the second.</summary>
internal sealed class AllLayersExample
{
    public AllLayersModel Model { get; } = new();
    public Tensor X { get; }
    public Tensor Target { get; } = Tensor.From([0.0, 1, 2, 0, 2, 1, 1, 0], 8);
    public Tensor Probabilities { get; }

    public AllLayersExample()
    {
        var rng = new NumPyRandomState(2024);
        using (Autograd.NoGrad())
            foreach (var (_, parameter) in Model.NamedParameters())
                parameter.CopyFrom(rng.Randn([.. parameter.Shape]) * 0.5);
        X = rng.Randn(8, 2, 3);
        Probabilities = rng.Randn(8, 3).Softmax(1);
    }

    public Tensor Loss()
    {
        var (logProbabilities, probabilities) = Model.Outputs(X);
        return new NLLLoss().Forward(logProbabilities, Target) + new MSELoss().Forward(probabilities, Probabilities);
    }

    public Dictionary<string, Tensor> Batch => new() { ["x"] = X, ["target"] = Target, ["probabilities"] = Probabilities };

    public Dictionary<string, Tensor> Inputs => new() { ["x"] = X };
}

/// <summary>
/// The Digits example's CNN (<c>DigitsCommand.Model()</c>: conv 8@3×3 pad 1, ReLU, max-pool 2, conv 16@3×3 pad 1,
/// ReLU, max-pool 2, flatten, linear 64 → 10) in float64, with seeded weights, on the first 32 of the 8 × 8 digits
/// (pixels / 16), cross-entropy on the labels. tools/record_torch_gradients.py's "digits".
/// </summary>
internal sealed class DigitsExample
{
    private const int Rows = 32;

    public Module Model { get; }
    public Tensor X { get; }
    public Tensor Target { get; }

    public DigitsExample()
    {
        Model = global::DigitsCommand.Model().To(DType.Float64);
        var rng = new NumPyRandomState(2026);
        using (Autograd.NoGrad())
            foreach (var (_, parameter) in Model.NamedParameters())
                parameter.CopyFrom(rng.Randn([.. parameter.Shape]) * 0.3);
        var (pixels, labels) = ReadDigits(Rows);
        X = Tensor.From(pixels, Rows, 1, 8, 8) / 16.0;
        Target = Tensor.From(labels, Rows);
    }

    public Tensor Loss() => F.CrossEntropy(Model.Forward(X), Target.To(DType.Int64));

    public Dictionary<string, Tensor> Batch => new() { ["x"] = X, ["target"] = Target };

    public Dictionary<string, Tensor> Inputs => new() { ["x"] = X };

    /// <summary>The first rows of examples/Digits/data/digits.csv.gz (64 pixels, then the label, per line).</summary>
    private static (double[] Pixels, double[] Labels) ReadDigits(int rows)
    {
        string path = System.IO.Path.Combine(Goldens.Directory, "..", "..", "..", "examples", "Digits", "data", "digits.csv.gz");
        using var reader = new StreamReader(new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress));
        var pixels = new List<double>();
        var labels = new List<double>();
        for (int r = 0; r < rows; r++)
        {
            var fields = reader.ReadLine()!.Split(',').Select(f => double.Parse(f, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            pixels.AddRange(fields[..64]);
            labels.Add(fields[64]);
        }
        return ([.. pixels], [.. labels]);
    }
}
