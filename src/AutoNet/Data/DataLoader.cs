using System.Collections;
using System.Security.Cryptography;

namespace AutoNet.Data;

/// <summary>
/// Iterates over a dataset in batches: each enumeration (<c>foreach</c>) is one epoch and yields
/// <see cref="Count"/> batches, each an array with one stacked tensor per field (<c>[X batch, y batch]</c>).
/// With <c>shuffle</c>, every epoch visits the samples in the order of a fresh <c>generator.Permutation(n)</c>,
/// so a seeded <see cref="NumPyRandomState"/> gives the same batches as
/// <c>np.random.RandomState(seed).permutation(n)</c> in NumPy, epoch after epoch. Without it, samples come in
/// order. With <c>dropLast</c> a last, smaller batch is left out. PyTorch: <c>torch.utils.data.DataLoader</c>
/// (single process, default collate; its shuffle order comes from torch's generator instead).
/// </summary>
public sealed class DataLoader : IEnumerable<Tensor[]>
{
    private readonly NumPyRandomState? _generator;

    /// <summary>Creates the loader.</summary>
    /// <param name="dataset">The samples.</param>
    /// <param name="batchSize">Samples per batch, &gt;= 1.</param>
    /// <param name="shuffle">Visit the samples in a new random order every epoch.</param>
    /// <param name="dropLast">Leave out the last batch when it has fewer than <paramref name="batchSize"/> samples.</param>
    /// <param name="generator">The random source for shuffling (a fresh unpredictable one when null); ignored without shuffle.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> &lt; 1.</exception>
    public DataLoader(Dataset dataset, int batchSize = 1, bool shuffle = false, bool dropLast = false, NumPyRandomState? generator = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (batchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"DataLoader: batchSize must be >= 1, got {batchSize}.");
        Dataset = dataset;
        BatchSize = batchSize;
        Shuffle = shuffle;
        DropLast = dropLast;
        if (shuffle) _generator = generator ?? new NumPyRandomState(BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(sizeof(uint))));
    }

    /// <summary>The samples.</summary>
    public Dataset Dataset { get; }

    /// <summary>Samples per batch. PyTorch: <c>batch_size</c>.</summary>
    public int BatchSize { get; }

    /// <summary>Whether each epoch is shuffled. PyTorch: <c>shuffle</c>.</summary>
    public bool Shuffle { get; }

    /// <summary>Whether a last, smaller batch is left out. PyTorch: <c>drop_last</c>.</summary>
    public bool DropLast { get; }

    /// <summary>The number of batches per epoch. PyTorch: <c>len(loader)</c>.</summary>
    public int Count => DropLast ? Dataset.Count / BatchSize : (int)(((long)Dataset.Count + BatchSize - 1) / BatchSize);

    /// <summary>One epoch of batches (drawing the epoch's order now when shuffling).</summary>
    public IEnumerator<Tensor[]> GetEnumerator()
    {
        int n = Dataset.Count;
        int[] order = _generator is not null ? _generator.Permutation(n) : Enumerable.Range(0, n).ToArray();
        int batches = Count;
        return Batches(order, batches);
    }

    private IEnumerator<Tensor[]> Batches(int[] order, int batches)
    {
        for (int b = 0; b < batches; b++)
        {
            int start = b * BatchSize;
            int length = Math.Min(BatchSize, order.Length - start);
            yield return Dataset.GetBatch(order.AsSpan(start, length));
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
