using Xunit;

namespace AutoNet.Tests.Views;

/// <summary>Shapes, strides and offsets of views (PyTorch's values), storage sharing, and the copies.</summary>
public class ViewLayoutTests
{
    private static Tensor X() => Tensor.Arange(12).Reshape(3, 4);

    [Fact]
    public void StridesAndOffsetsAreTorchs()
    {
        var x = X();
        Assert.Equal([4, 1], x.Strides);
        Assert.True(x.IsContiguous);
        Assert.Equal(0, x.StorageOffset);

        var t = x.T; // torch: shape (4, 3), stride (1, 4)
        Assert.Equal([4, 3], t.Shape);
        Assert.Equal([1, 4], t.Strides);
        Assert.False(t.IsContiguous);

        var row = x[1]; // torch: shape (4,), stride (1,), offset 4
        Assert.Equal([4], row.Shape);
        Assert.Equal([1], row.Strides);
        Assert.Equal(4, row.StorageOffset);
        Assert.True(row.IsContiguous);
        Assert.Equal([4.0, 5, 6, 7], row.ToArray());

        var cols = x[.., 1..3]; // torch: shape (3, 2), stride (4, 1), offset 1
        Assert.Equal([3, 2], cols.Shape);
        Assert.Equal([4, 1], cols.Strides);
        Assert.Equal(1, cols.StorageOffset);
        Assert.False(cols.IsContiguous);
        Assert.Equal([1.0, 2, 5, 6, 9, 10], cols.ToArray());

        Assert.Equal([0, 4, 1], x.Expand(2, 3, 4).Strides); // torch: (0, 4, 1)
        var e = x[0].Unsqueeze(0).Expand(2, 4); // torch: stride (0, 1)
        Assert.Equal([0, 1], e.Strides);
        Assert.Equal([0.0, 1, 2, 3, 0, 1, 2, 3], e.ToArray());

        var p = Tensor.Arange(24).Reshape(2, 3, 4).Permute(2, 0, 1); // torch: stride (1, 12, 4)
        Assert.Equal([1, 12, 4], p.Strides);
    }

    [Fact]
    public void UnsqueezeAndSelectStridesAreTorchs()
    {
        var x = Tensor.Arange(24).Reshape(2, 3, 4);
        Assert.Equal([12, 4, 4, 1], x.Unsqueeze(2).Strides); // torch: (12, 4, 4, 1)
        Assert.Equal([12, 4, 1, 1], x.Unsqueeze(3).Strides);  // torch: (12, 4, 1, 1)
        Assert.Equal([12, 1], x.Select(1, 2).Strides);         // torch: (12, 1), offset 8
        Assert.Equal(8, x.Select(1, 2).StorageOffset);
        Assert.Equal([16.0, 17, 18, 19], x[1, ^2].ToArray());
    }

    [Fact]
    public void ViewsShareStorageAndWritesShowInTheBase()
    {
        var x = X();
        using (Autograd.NoGrad())
        {
            x.T[0, 1] = Tensor.Scalar(100);           // x[1, 0]
            x[2, 1..3] = Tensor.From([-1.0, -2.0]);
            x[..1] = Tensor.Scalar(7);                  // broadcast into the first row
            x.Fill(0.5, ^1, ^1);
        }
        Assert.Equal([7.0, 7, 7, 7, 100, 5, 6, 7, 8, -1, -2, 0.5], x.ToArray());
    }

    [Fact]
    public void AWriteThroughAViewBumpsTheSharedVersion()
    {
        var w = Tensor.From([1.0, 2, 3, 4], 2, 2);
        w.RequiresGrad = true;
        var c = Tensor.From([5.0, 6, 7, 8], 2, 2);
        var y = (w * c).Sum();   // Mul saves c
        using (Autograd.NoGrad()) c.T[0, 1] = Tensor.Scalar(0);
        var error = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Contains("a tensor of shape [2, 2] needed for the gradient of Mul was modified in place after it was used", error.Message);
    }

    [Fact]
    public void AWriteIntoTheBaseIsSeenThroughASavedView()
    {
        var w = Tensor.From([1.0, 2, 3, 4], 2, 2);
        w.RequiresGrad = true;
        var c = Tensor.From([5.0, 6, 7, 8], 2, 2);
        var y = (w * c.T).Sum(); // Mul saves the view c.T
        using (Autograd.NoGrad()) c.CopyFrom(Tensor.Zeros(2, 2));
        Assert.Throws<InvalidOperationException>(() => y.Backward());
    }

    [Fact]
    public void ReshapeIsAViewWhenPossibleElseACopy()
    {
        var x = X();
        var flat = x.Reshape(-1);
        using (Autograd.NoGrad()) flat[0] = Tensor.Scalar(42);
        Assert.Equal(42, x[0, 0].Item());

        var copied = x.T.Reshape(-1);
        Assert.True(copied.IsContiguous);
        Assert.Equal([42.0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11], copied.ToArray());
        using (Autograd.NoGrad()) copied[1] = Tensor.Scalar(-1);
        Assert.Equal(4, x[1, 0].Item()); // the copy does not write back

        var sliced = Tensor.Arange(24).Reshape(4, 6)[1..3]; // contiguous rows at an offset: still a view
        Assert.Equal(6, sliced.View(-1).StorageOffset);
    }

    [Fact]
    public void ViewRefusesStridesItCannotExpress()
    {
        var error = Assert.Throws<InvalidOperationException>(() => X().T.View(-1));
        Assert.Contains("View: shape [-1] is not compatible with the input's shape [4, 3] and strides [1, 4]", error.Message);
        Assert.Contains("Use Reshape", error.Message);
    }

    [Fact]
    public void ContiguousCopiesOnlyWhenNeeded()
    {
        var x = X();
        Assert.Same(x, x.Contiguous());
        var t = x.T.Contiguous();
        Assert.True(t.IsContiguous);
        Assert.Equal([3, 1], t.Strides);
        Assert.Equal([0.0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11], t.ToArray());
        var big = Tensor.Arange(40 * 70).Reshape(40, 70); // the tiled transpose path
        var bt = big.T.Contiguous().ToArray();
        for (int i = 0; i < 70; i++)
            for (int j = 0; j < 40; j++) Assert.Equal(j * 70 + i, bt[i * 40 + j]);
    }

    [Fact]
    public void DetachKeepsTheLayout()
    {
        var d = X().T.Detach();
        Assert.Equal([1, 4], d.Strides);
        Assert.Equal([0.0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11], d.ToArray());
    }

    [Fact]
    public void SpanOfANonContiguousViewIsAnInternalError()
    {
        var error = Assert.Throws<InvalidOperationException>(() => X().T.Span<double>().ToArray());
        Assert.Contains("Internal error", error.Message);
        Assert.Contains("Contiguous()", error.Message);
        Assert.Equal([4.0, 5, 6, 7], X()[1].Span<double>().ToArray());
    }

    [Fact]
    public void PrintingAndItemReadThroughStrides()
    {
        var x = X();
        Assert.Equal("tensor([[ 0.,  4.,  8.],\n        [ 1.,  5.,  9.],\n        [ 2.,  6., 10.],\n        [ 3.,  7., 11.]])", x.T.ToString());
        Assert.Equal(9, x.T[1, 2].Item());
    }

    [Fact]
    public void AViewAllocatesNoElementMemory()
    {
        var x = Tensor.Zeros(1000, 100); // 800 000 bytes of elements
        x.RequiresGrad = true;
        _ = x.T; _ = x[1..5]; _ = x.Expand(3, 1000, 100); // warm up
        long before = GC.GetAllocatedBytesForCurrentThread();
        var views = new[]
        {
            x.T, x.Transpose(0, 1), x.Permute(1, 0), x[1..500, ..50], x[3], x.Select(1, 7), x.Narrow(0, 10, 500),
            x.Unsqueeze(0), x.Unsqueeze(0).Squeeze(), x.Expand(3, 1000, 100), x.Reshape(100, 1000), x.View(-1), x.Flatten(),
            x.Detach(), x.T[2..], x.Unflatten(0, [10, 100]),
        };
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 16_000, $"{views.Length} views allocated {allocated} bytes; a view must not copy elements (one copy is 800 000 bytes)");
        before = GC.GetAllocatedBytesForCurrentThread();
        var copy = x.T.Contiguous();
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before >= 800_000, "Contiguous() of a transpose copies the elements");
        Assert.True(copy.IsContiguous);
    }
}
