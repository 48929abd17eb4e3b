using AutoNet.Data;
using AutoNet.Nn;
using AutoNet.Optim;
using AutoNet.Tests.GradChecks;
using Snapshooter.Xunit;
using Xunit;

namespace AutoNet.Tests.Snapshots;

/// <summary>
/// Snapshots of the text people read: error messages, module summaries, tensor printing. A change to any of them
/// fails here until the snapshot in <c>__snapshots__/</c> is updated on purpose (delete it and re-run).
/// </summary>
public class TextSnapshotTests
{
    private static string Message(Action action)
    {
        try
        {
            action();
            return "(no exception)";
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }

    private static Tensor Leaf(params double[] values)
    {
        var t = Tensor.From(values);
        t.RequiresGrad = true;
        return t;
    }

    [Fact]
    public void Error_messages()
    {
        var messages = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["Add broadcast"] = Message(() => _ = Tensor.Zeros(3, 4) + Tensor.Zeros(2, 4)),
            ["MatMul inner dims"] = Message(() => Tensor.Zeros(200, 3).MatMul(Tensor.Zeros(2, 4))),
            ["MatMul rank"] = Message(() => Tensor.Scalar(2).MatMul(Tensor.Zeros(2, 2))),
            ["MatMul batched inner dims"] = Message(() => Tensor.Zeros(2, 3, 4).MatMul(Tensor.Zeros(5, 6))),
            ["MatMul batch dims"] = Message(() => Tensor.Zeros(2, 3, 4).MatMul(Tensor.Zeros(3, 4, 5))),
            ["MatMul dtypes"] = Message(() => Tensor.Zeros(2, 2).MatMul(Tensor.Zeros([2, 2], DType.Float32))),
            ["Sum dim"] = Message(() => Tensor.Zeros(2, 3).Sum(2)),
            ["Reshape count"] = Message(() => Tensor.Zeros(2, 3).Reshape(4, 2)),
            ["Reshape two -1"] = Message(() => Tensor.Zeros(6).Reshape(-1, -1)),
            ["From count"] = Message(() => Tensor.From([1.0, 2, 3], 2, 2)),
            ["Item"] = Message(() => Tensor.Zeros(2, 2).Item()),
            ["T rank 3"] = Message(() => _ = Tensor.Zeros(2, 2, 2).T),
            ["View strides"] = Message(() => Tensor.Zeros(2, 3).T.View(6)),
            ["Indexer out of range"] = Message(() => _ = Tensor.Zeros(2, 3)[0, ^4]),
            ["Indexer set leaf"] = Message(() => Leaf(1, 2)[0] = Tensor.Scalar(0)),
            ["Expand size"] = Message(() => Tensor.Zeros(2, 3).Expand(2, 4)),
            ["Permute dims"] = Message(() => Tensor.Zeros(2, 3).Permute(1, 1)),
            ["Clamp bounds"] = Message(() => Tensor.Zeros(2).Clamp(1, 0)),
            ["RequiresGrad int64"] = Message(() => Tensor.From(new long[] { 1, 2 }).RequiresGrad = true),
            ["Where condition dtype"] = Message(() => Tensor.Where(Tensor.Zeros(2), Tensor.Zeros(2), Tensor.Zeros(2))),
            ["MaskedFill mask shape"] = Message(() => Tensor.Zeros(3).MaskedFill(Tensor.Zeros([2, 3], DType.Bool), 0)),
            ["Max empty"] = Message(() => Tensor.Zeros(0, 3).Max()),
            ["Neg bool"] = Message(() => _ = -Tensor.From([true])),
            ["int64 without a kernel"] = Message(() => Tensor.From(new long[] { 1, 2, 3, 4 }, 2, 2).Softmax(1)),
            ["Backward non-scalar"] = Message(() => (Leaf(1, 2, 3) * 2.0).Backward()),
            ["Backward no grad"] = Message(() => Tensor.Zeros(1).Sum().Backward()),
            ["Backward twice"] = Message(() =>
            {
                var loss = (Leaf(1, 2) * 2.0).Sum();
                loss.Backward();
                loss.Backward();
            }),
            ["Backward gradient count"] = Message(() => WrongOps.DoubleWithBackward(Leaf(1, 2), g => [g, g]).Sum().Backward()),
            ["Backward gradient shape"] = Message(() => WrongOps.DoubleWithBackward(Leaf(1, 2), g => [Tensor.Zeros(3)]).Sum().Backward()),
            ["Backward modified in place"] = Message(() =>
            {
                var w = Tensor.From([3.0, 4]);
                var loss = (Leaf(1, 2) * w).Sum();
                w.CopyFrom(Tensor.Zeros(2));
                loss.Backward();
            }),
            ["RequiresGrad non-leaf"] = Message(() => (Leaf(1) * 2.0).RequiresGrad = false),
            ["CopyFrom leaf"] = Message(() => Leaf(1, 2).CopyFrom(Tensor.Zeros(2))),
            ["Grad shape"] = Message(() => Leaf(1, 2).Grad = Tensor.Zeros(3)),
            ["BCE range"] = Message(() => F.BinaryCrossEntropy(Tensor.From([0.5, 1.2]), Tensor.From([0.0, 1]))),
            ["BCE shapes"] = Message(() => F.BinaryCrossEntropy(Tensor.Zeros(2, 1), Tensor.Zeros(2))),
            ["Linear input"] = Message(() => new Linear(2, 4).Forward(Tensor.Zeros(5, 3))),
            ["SGD lr"] = Message(() => new SGD([Leaf(1)], double.NaN)),
            ["SGD momentum"] = Message(() => new SGD([Leaf(1)], 0.1, momentum: 1)),
            ["SGD nesterov"] = Message(() => new SGD([Leaf(1)], 0.1, nesterov: true)),
            ["SGD not leaf"] = Message(() => new SGD([Tensor.Ones(1)], 0.1)),
            ["MakeMoons samples"] = Message(() => Datasets.MakeMoons(0)),
            ["MakeMoons noise"] = Message(() => Datasets.MakeMoons(10, noise: -1)),
            ["Normal scale"] = Message(() => new NumPyRandomState(0).Normal(0, -1, 2)),
            ["Reshape overflow"] = Message(() => Tensor.Zeros(4).Reshape(2147418113, 1718039348, 5)),
            ["Zeros negative"] = Message(() => Tensor.Zeros(2, -3)),
            ["Ones too large"] = Message(() => Tensor.Ones(65536, 65536)),
            ["Zeros dtype"] = Message(() => Tensor.Zeros([2], (DType)7)),
            ["Grad null input"] = Message(() => Autograd.Grad([Leaf(1).Sum()], [null!])),
            ["Grad scopes out of order"] = Message(() =>
            {
                var outer = Autograd.NoGrad();
                using var inner = Autograd.EnableGrad();
                outer.Dispose();
            }),
            ["SafeTensors lone surrogate"] = Message(() => AutoNet.Serialization.SafeTensors.Write(Stream.Null,
                new Dictionary<string, Tensor> { ["w" + (char)0xD800] = Tensor.Zeros(1) })),
        };
        messages.MatchSnapshot();
    }

    [Fact]
    public void Module_summaries()
    {
        var summaries = new Dictionary<string, string>
        {
            ["moons"] = new Sequential(new Linear(2, 4), new ReLU(), new Linear(4, 1), new Sigmoid()).ToString(),
            ["nested"] = new Sequential(new Sequential(new Linear(3, 3, bias: false), new Tanh()), new Linear(3, 1)).ToString(),
            ["loss"] = new BCELoss(Reduction.Sum).ToString(),
            ["sgd"] = new SGD([Leaf(1)], 0.1, momentum: 0.9).ToString(),
        };
        summaries.MatchSnapshot();
    }

    [Fact]
    public void Tensor_printing()
    {
        var grad = Leaf(0.1, -0.25, 3);
        var printed = new Dictionary<string, string>
        {
            ["scalar"] = Tensor.Scalar(2.5).ToString(),
            ["integers"] = Tensor.From([1.0, 2, 3, 4], 2, 2).ToString(),
            ["fixed"] = Tensor.From([0.1, -0.25, 3], 3).ToString(),
            ["scientific"] = Tensor.From([1e-5, 1, 123456.0]).ToString(),
            ["float32"] = Tensor.From(new float[] { 1.5f, 2 }).ToString(),
            ["requires grad"] = grad.ToString(),
            ["grad fn"] = (grad * 2.0).ToString(),
            ["3-D"] = Tensor.Arange(8).Reshape(2, 2, 2).ToString(),
            ["nan and inf"] = Tensor.From([double.NaN, double.PositiveInfinity, -1.5]).ToString(),
            ["summarised"] = Tensor.Arange(2000).Reshape(40, 50).ToString(),
            ["int64"] = Tensor.From(new long[] { 1, -20, 300, 4 }, 2, 2).ToString(),
            ["bool"] = Tensor.From([true, false, true]).ToString(),
        };
        printed.MatchSnapshot();
    }
}
