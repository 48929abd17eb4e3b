using Xunit;

namespace AutoNet.Tests.Views;

/// <summary>The indexer's entries and errors, its setter's rules, and Split/Chunk/Flatten/Unflatten edge cases.</summary>
public class IndexingAndSplitTests
{
    private static Tensor X() => Tensor.Arange(12).Reshape(3, 4);

    [Fact]
    public void IntsRemoveDimsAndRangesKeepThem()
    {
        var x = X();
        Assert.Equal([4], x[1].Shape);
        Assert.Empty(x[1, 2].Shape);
        Assert.Equal(6, x[1, 2].Item());
        Assert.Equal(11, x[-1, -1].Item());
        Assert.Equal(11, x[^1, ^1].Item());
        Assert.Equal([1, 4], x[1..2].Shape);
        Assert.Equal([3, 2], x[.., ^2..].Shape);
        Assert.Equal([2.0, 3, 6, 7, 10, 11], x[.., ^2..].ToArray());
        Assert.Equal(x.ToArray(), x[..].ToArray());
        Assert.Equal(x.ToArray(), x[new TensorIndex[0]].ToArray());
    }

    [Fact]
    public void RangesClampAsPythonSlices()
    {
        var x = X();
        Assert.Equal([0, 4], x[5..].Shape);       // x[5:]
        Assert.Equal([3, 0], x[.., 3..1].Shape);  // x[:, 3:1]
        Assert.Equal([3, 4], x[..10].Shape);       // x[:10]
        Assert.Equal([3, 4], x[^10..].Shape);      // x[-10:]
        Assert.Empty(x[5..].ToArray());
    }

    [Fact]
    public void OutOfRangeIntsThrowClearly()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => X()[3]);
        Assert.Contains("Indexer: index 3 is out of range for dim 0 of size 3 (shape [3, 4])", error.Message);
        error = Assert.Throws<ArgumentOutOfRangeException>(() => X()[0, ^5]);
        Assert.Contains("index ^5 (-5) is out of range for dim 1 of size 4", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => X()[-4]);
        var tooMany = Assert.Throws<ArgumentException>(() => X()[0, 0, 0]);
        Assert.Contains("too many indices for a tensor of shape [3, 4]: got 3", tooMany.Message);
        Assert.Throws<ArgumentException>(() => Tensor.Scalar(1)[0]);
    }

    [Fact]
    public void TheSetterIsRefusedOnALeafThatRequiresGradOutsideNoGrad()
    {
        var w = X();
        w.RequiresGrad = true;
        var error = Assert.Throws<InvalidOperationException>(() => w[0] = Tensor.Scalar(1));
        Assert.Contains("a leaf Variable that requires grad is being used in an in-place operation", error.Message);
        using (Autograd.NoGrad()) w[0] = Tensor.Scalar(1);
        Assert.Equal([1.0, 1, 1, 1], w[0].ToArray());
    }

    [Fact]
    public void TheSetterIsRefusedOnATensorInAGraph()
    {
        var w = X();
        w.RequiresGrad = true;
        var y = w * 2;
        var error = Assert.Throws<InvalidOperationException>(() => y[0, 0] = Tensor.Scalar(1));
        Assert.Contains("computed by Mul and is part of a graph; AutoNet does not record in-place copies", error.Message);
        var viewError = Assert.Throws<InvalidOperationException>(() => w.T[0, 0] = Tensor.Scalar(1));
        Assert.Contains("computed by Transpose", viewError.Message);
    }

    [Fact]
    public void TheSetterBroadcastsConvertsAndCopiesAnOverlappingSource()
    {
        var x = X();
        x[.., 0] = Tensor.From([1f, 2f, 3f]); // float32 into float64
        Assert.Equal([1.0, 2, 3], x[.., 0].ToArray());
        x[1..] = x[..2];                      // source overlaps the target: read before writing
        Assert.Equal([1.0, 1, 2, 3, 1, 1, 2, 3, 2, 5, 6, 7], x.ToArray());
        var bad = Assert.Throws<ArgumentException>(() => x[0] = Tensor.Ones(3));
        Assert.Contains("cannot be broadcast", bad.Message);
        var expanded = Assert.Throws<InvalidOperationException>(() => x[0].Expand(2, 4)[..] = Tensor.Ones(4));
        Assert.Contains("more than one of its elements refers to a single memory location", expanded.Message);
        x[0].Unsqueeze(0).Expand(1, 4)[0] = Tensor.Ones(4); // a stride 0 along a dim of size 1 repeats nothing
        Assert.Equal([1.0, 1, 1, 1], x[0].ToArray());
    }

    [Fact]
    public void SplitAndChunkFollowTorchOnUnevenSizes()
    {
        var x = Tensor.Arange(5);
        Assert.Equal([[0.0, 1], [2.0, 3], [4.0]], x.Split(2).Select(t => t.ToArray()));
        Assert.Equal([3, 2], x.Chunk(2).Select(t => t.Shape[0]));
        Assert.Equal([2, 2, 1], x.Chunk(4).Select(t => t.Shape[0])); // torch.chunk gives 3 pieces here
        Assert.Equal([1, 1, 1, 1, 1], x.Chunk(9).Select(t => t.Shape[0]));
        Assert.Equal([1, 0, 4], x.Split([1, 0, 4]).Select(t => t.Shape[0]));
        Assert.Single(Tensor.Zeros(0).Split(2));
        Assert.Single(Tensor.Zeros(0).Chunk(3));
        Assert.Throws<ArgumentException>(() => x.Split([1, 2]));
        Assert.Throws<ArgumentException>(() => x.Split(0));
        Assert.Throws<ArgumentException>(() => x.Chunk(0));
        Assert.Throws<ArgumentException>(() => Tensor.Scalar(1).Split(1));
    }

    [Fact]
    public void FlattenAndUnflatten()
    {
        var x = Tensor.Arange(24).Reshape(2, 3, 4);
        Assert.Equal([24], x.Flatten().Shape);
        Assert.Equal([2, 12], x.Flatten(1).Shape);
        Assert.Equal([6, 4], x.Flatten(0, 1).Shape);
        Assert.Equal([1], Tensor.Scalar(3).Flatten().Shape);
        Assert.Equal([2, 3, 2, 2], x.Unflatten(-1, [2, -1]).Shape);
        Assert.Throws<ArgumentException>(() => x.Flatten(2, 1));
        Assert.Throws<ArgumentException>(() => x.Unflatten(1, [2, 2]));
        Assert.Throws<ArgumentException>(() => x.Unflatten(1, [-1, -1]));
        Assert.Equal(x.Transpose(0, 2).Contiguous().Flatten().ToArray(), x.Transpose(0, 2).Flatten().ToArray());
    }

    [Fact]
    public void BadViewArgumentsThrowClearly()
    {
        var x = X();
        Assert.Contains("Permute: got 1 dims [0]", Assert.Throws<ArgumentException>(() => x.Permute(0)).Message);
        Assert.Contains("dim 0 appears twice", Assert.Throws<ArgumentException>(() => x.Permute(0, 0)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Unsqueeze(3));
        Assert.Equal([3, 4, 1], x.Unsqueeze(-1).Shape);
        Assert.Equal([3, 4], x.Squeeze(0).Shape);
        Assert.Contains("dimension 1: the expanded size 5 must match the existing size 4",
            Assert.Throws<ArgumentException>(() => x.Expand(3, 5)).Message);
        Assert.Throws<ArgumentException>(() => x.Expand(4));
        Assert.Throws<ArgumentException>(() => x.Expand(-1, 3, 4));
        Assert.Contains("Select: index 4 is out of range for dim 1 of size 4",
            Assert.Throws<ArgumentOutOfRangeException>(() => x.Select(1, 4)).Message);
        Assert.Contains("Narrow: start 2 + length 3 exceeds dim 0 of size 3",
            Assert.Throws<ArgumentOutOfRangeException>(() => x.Narrow(0, 2, 3)).Message);
        Assert.Throws<ArgumentException>(() => Tensor.Scalar(1).Select(0, 0));
        Assert.Throws<ArgumentException>(() => Tensor.Scalar(1).Narrow(0, 0, 1));
    }
}
