using System.Text.Json;
using AutoNet.Data;
using AutoNet.Tests.Support;
using Xunit;

namespace AutoNet.Tests.Data;

public class DataLoaderTests
{
    private static (Tensor X, Tensor y, TensorDataset Data) Rows(int n)
    {
        var x = Tensor.From(Enumerable.Range(0, n * 3).Select(i => (double)i).ToArray(), n, 3);
        var y = Tensor.From(Enumerable.Range(0, n).Select(i => 100.0 + i).ToArray(), n);
        return (x, y, new TensorDataset(x, y));
    }

    [Fact]
    public void TensorDataset_indexer_returns_the_rows()
    {
        var (_, _, data) = Rows(5);
        Assert.Equal(5, data.Count);
        var sample = data[3];
        Assert.Equal(2, sample.Length);
        Assert.Equal(new[] { 3 }, sample[0].Shape);
        Assert.Equal(new[] { 9.0, 10, 11 }, sample[0].ToArray());
        Assert.Empty(sample[1].Shape);
        Assert.Equal(103.0, sample[1].Item());
        Assert.Throws<ArgumentOutOfRangeException>(() => data[5]);
        Assert.Throws<ArgumentOutOfRangeException>(() => data[-1]);
    }

    [Fact]
    public void TensorDataset_needs_tensors_sharing_the_first_dimension()
    {
        var e = Assert.Throws<ArgumentException>(() => new TensorDataset(Tensor.Zeros(4, 2), Tensor.Zeros(3)));
        Assert.Contains("first dimension", e.Message);
        Assert.Contains("[4, 2]", e.Message);
        Assert.Contains("[3]", e.Message);
        Assert.Contains("scalar", Assert.Throws<ArgumentException>(() => new TensorDataset(Tensor.Scalar(1))).Message);
        Assert.Throws<ArgumentException>(() => new TensorDataset());
    }

    [Fact]
    public void Without_shuffle_batches_come_in_order_and_the_last_may_be_smaller()
    {
        var (x, y, data) = Rows(10);
        var loader = new DataLoader(data, batchSize: 4);
        Assert.Equal(3, loader.Count);
        var batches = loader.ToList();
        Assert.Equal(3, batches.Count);
        Assert.Equal(new[] { 4, 3 }, batches[0][0].Shape);
        Assert.Equal(new[] { 2, 3 }, batches[2][0].Shape);
        Assert.Equal(x.ToArray(), batches.SelectMany(b => b[0].ToArray()).ToArray());
        Assert.Equal(y.ToArray(), batches.SelectMany(b => b[1].ToArray()).ToArray());
        Assert.False(batches[0][0].RequiresGrad);
    }

    [Fact]
    public void DropLast_leaves_out_the_short_batch()
    {
        var (_, _, data) = Rows(10);
        var loader = new DataLoader(data, batchSize: 4, dropLast: true);
        Assert.Equal(2, loader.Count);
        Assert.All(loader, b => Assert.Equal(4, b[0].Shape[0]));
        Assert.Equal(2, loader.Count());
        Assert.Equal(2, new DataLoader(data, batchSize: 5, dropLast: true).Count());
        Assert.Empty(new DataLoader(data, batchSize: 11, dropLast: true));
        Assert.Single(new DataLoader(data, batchSize: 11));
    }

    [Fact]
    public void Shuffle_uses_one_NumPy_permutation_per_epoch()
    {
        var doc = Fixtures.Load("datasets-more", "datasets-more.json");
        foreach (var c in doc.RootElement.GetProperty("permutations").EnumerateArray())
        {
            int n = c.GetProperty("n").GetInt32();
            var (_, y, data) = Rows(n);
            var loader = new DataLoader(data, batchSize: 8, shuffle: true, generator: new NumPyRandomState(c.GetProperty("seed").GetUInt32()));
            foreach (var epoch in c.GetProperty("epochs").EnumerateArray())
            {
                var expected = epoch.EnumerateArray().Select(e => 100.0 + e.GetInt32()).ToArray();
                var labels = loader.SelectMany(b => b[1].ToArray()).ToArray();
                Assert.Equal(expected, labels);
            }
        }
    }

    [Fact]
    public void Shuffled_batches_keep_rows_and_labels_together_and_visit_every_sample_once()
    {
        var (_, _, data) = Rows(23);
        var loader = new DataLoader(data, batchSize: 5, shuffle: true, generator: new NumPyRandomState(3));
        var seen = new List<double>();
        foreach (var batch in loader)
        {
            var xs = batch[0].ToArray();
            var ys = batch[1].ToArray();
            for (int i = 0; i < ys.Length; i++)
            {
                int row = (int)ys[i] - 100;
                Assert.Equal(new[] { 3.0 * row, 3.0 * row + 1, 3.0 * row + 2 }, xs[(3 * i)..(3 * i + 3)]);
            }
            seen.AddRange(ys);
        }
        Assert.Equal(Enumerable.Range(100, 23).Select(i => (double)i), seen.OrderBy(v => v));
        var again = loader.SelectMany(b => b[1].ToArray()).ToList();
        Assert.NotEqual(seen, again);
    }

    [Fact]
    public void Same_seed_same_batches()
    {
        var (_, _, data) = Rows(40);
        double[] Epochs(uint seed)
        {
            var loader = new DataLoader(data, batchSize: 7, shuffle: true, generator: new NumPyRandomState(seed));
            return loader.Concat(loader).SelectMany(b => b[1].ToArray()).ToArray();
        }
        Assert.Equal(Epochs(11), Epochs(11));
        Assert.NotEqual(Epochs(11), Epochs(12));
    }

    [Fact]
    public void Float32_data_stays_float32()
    {
        var x = Tensor.From(new float[] { 1, 2, 3, 4, 5, 6 }, 3, 2);
        var batch = new DataLoader(new TensorDataset(x), batchSize: 2).First();
        Assert.Equal(DType.Float32, batch[0].DType);
        Assert.Equal(new[] { 1.0, 2, 3, 4 }, batch[0].ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void BatchSize_must_be_at_least_one(int batchSize)
    {
        var (_, _, data) = Rows(3);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new DataLoader(data, batchSize));
        Assert.Contains("batchSize must be >= 1", e.Message);
    }

    private sealed class Squares : Dataset
    {
        public override int Count => 6;
        public override Tensor[] this[int index] => [Tensor.From(new double[] { index, index * index }), Tensor.Scalar(index % 2)];
    }

    [Fact]
    public void A_custom_dataset_is_stacked_by_the_default_GetBatch()
    {
        var batches = new DataLoader(new Squares(), batchSize: 4).ToList();
        Assert.Equal(new[] { 4, 2 }, batches[0][0].Shape);
        Assert.Equal(new[] { 0.0, 0, 1, 1, 2, 4, 3, 9 }, batches[0][0].ToArray());
        Assert.Equal(new[] { 2 }, batches[1][1].Shape);
        Assert.Equal(new[] { 0.0, 1 }, batches[1][1].ToArray());
    }
}
