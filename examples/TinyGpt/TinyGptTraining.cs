using System.Text;
using AutoNet;
using AutoNet.Data;
using AutoNet.Nn;
using AutoNet.Optim;

namespace TinyGpt;

/// <summary>The names as sequences of token indices: inputs '.' + name, targets name + '.', padded to the block.</summary>
/// <param name="Inputs">[N · block] token indices, row-major; padding positions hold '.' (0).</param>
/// <param name="Targets">[N · block] next-token indices; padding positions hold <see cref="TinyGptTraining.Ignore"/>.</param>
/// <param name="Count">N, the number of names.</param>
public sealed record NameSequences(long[] Inputs, long[] Targets, int Count)
{
    /// <summary>The rows <paramref name="rows"/> as Int64 tensors [rows, block] (inputs, targets).</summary>
    public (Tensor X, Tensor Y) Rows(IReadOnlyList<long> rows)
    {
        int block = TinyGptTraining.BlockSize;
        var x = new long[rows.Count * block];
        var y = new long[rows.Count * block];
        for (int r = 0; r < rows.Count; r++)
        {
            Array.Copy(Inputs, rows[r] * block, x, r * block, block);
            Array.Copy(Targets, rows[r] * block, y, r * block, block);
        }
        return (Tensor.From(x, rows.Count, block), Tensor.From(y, rows.Count, block));
    }

    /// <summary>Every row, in order.</summary>
    public (Tensor X, Tensor Y) All() => (Tensor.From(Inputs, Count, TinyGptTraining.BlockSize), Tensor.From(Targets, Count, TinyGptTraining.BlockSize));
}

/// <summary>The recipe of the example, shared with its tests, its parity test and its benchmark.</summary>
public static class TinyGptTraining
{
    /// <summary>Positions per sequence: '.' + at most 15 letters.</summary>
    public const int BlockSize = 16;

    /// <summary>The vocabulary: '.' (start and end of a name) then a..z.</summary>
    public const string Vocabulary = ".abcdefghijklmnopqrstuvwxyz";

    /// <summary>The target of a padding position, skipped by the loss (F.CrossEntropy's ignoreIndex).</summary>
    public const int Ignore = -1;

    /// <summary>Reads one name per line; refuses a name with characters outside a..z or longer than 15 letters
    /// (it would not fit the block; names.txt has none: its longest has 13).</summary>
    public static string[] LoadNames(string path)
    {
        var names = File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        foreach (var name in names)
        {
            if (name.Length > BlockSize - 1)
                throw new InvalidDataException($"{path}: the name '{name}' has {name.Length} letters; at most {BlockSize - 1} fit a block of {BlockSize}.");
            if (name.Any(c => c is < 'a' or > 'z'))
                throw new InvalidDataException($"{path}: the name '{name}' has a character outside a..z.");
        }
        return names;
    }

    /// <summary>The names shuffled by <c>NumPyRandomState(dataSeed).Permutation(n)</c> and split 80/10/10
    /// (n1 = int(0.8 n), n2 = int(0.9 n)), as the reference script does with NumPy.</summary>
    public static (NameSequences Train, NameSequences Dev, NameSequences Test) Split(string[] names, uint dataSeed)
    {
        var order = new NumPyRandomState(dataSeed).Permutation(names.Length);
        var shuffled = order.Select(i => names[i]).ToArray();
        int n1 = (int)(0.8 * names.Length), n2 = (int)(0.9 * names.Length);
        return (Encode(shuffled[..n1]), Encode(shuffled[n1..n2]), Encode(shuffled[n2..]));
    }

    /// <summary>Each name as one sequence: input '.' + name, target name + '.', padded to <see cref="BlockSize"/>.</summary>
    public static NameSequences Encode(IReadOnlyList<string> names)
    {
        var x = new long[names.Count * BlockSize];
        var y = new long[names.Count * BlockSize];
        Array.Fill(y, Ignore);
        for (int r = 0; r < names.Count; r++)
        {
            var name = names[r];
            for (int i = 0; i < name.Length; i++)
            {
                long token = Vocabulary.IndexOf(name[i], StringComparison.Ordinal);
                x[r * BlockSize + i + 1] = token;
                y[r * BlockSize + i] = token;
            }
            y[r * BlockSize + name.Length] = 0;
        }
        return new NameSequences(x, y, names.Count);
    }

    /// <summary>The model with its initial weights drawn after <c>Init.ManualSeed(seed)</c>.</summary>
    public static TinyGptModel BuildModel(uint seed, DType dtype = DType.Float32)
    {
        Init.ManualSeed(seed);
        return new TinyGptModel(Vocabulary.Length, BlockSize, dtype: dtype);
    }

    /// <summary>The recipe's optimiser: AdamW, weight decay 0.01 on every parameter.</summary>
    public static AdamW Optimizer(Module model, double lr) => new(model.Parameters(), lr, weightDecay: 0.01);

    /// <summary>The next minibatch's rows: <c>RandInt(0, n, batchSize)</c> from <paramref name="rng"/>.</summary>
    public static long[] NextRows(NumPyRandomState rng, int n, int batchSize) =>
        [.. rng.RandInt(0, n, batchSize).ToArray().Select(v => (long)v)];

    /// <summary>Mean cross-entropy of the logits [B, T, V] against the targets [B, T] over the non-padding positions.</summary>
    public static Tensor Loss(Tensor logits, Tensor targets)
    {
        int v = logits.Shape[^1];
        return F.CrossEntropy(logits.Reshape(-1, v), targets.Reshape(-1), ignoreIndex: Ignore);
    }

    /// <summary>One training step on <paramref name="x"/>, <paramref name="y"/>; returns the loss before the update.</summary>
    public static double Step(TinyGptModel model, Optimizer optimizer, Tensor x, Tensor y)
    {
        var loss = Loss(model.Forward(x), y);
        optimizer.ZeroGrad();
        loss.Backward();
        optimizer.Step();
        return loss.Item();
    }

    /// <summary>The mean loss over all non-padding positions of <paramref name="data"/>, without recording a graph.</summary>
    public static double Evaluate(TinyGptModel model, NameSequences data)
    {
        using var _ = Autograd.NoGrad();
        var (x, y) = data.All();
        return Loss(model.Forward(x), y).Item();
    }

    /// <summary>One name sampled letter by letter from '.', each next token drawn with
    /// <c>rng.Choice(V, 1, p: softmax(logits))</c> (float32 probabilities, as the reference passes them to NumPy),
    /// until '.' is drawn or the block is full.</summary>
    public static string Sample(TinyGptModel model, NumPyRandomState rng)
    {
        using var _ = Autograd.NoGrad();
        var context = new List<long> { 0 };
        var name = new StringBuilder();
        while (context.Count < BlockSize)
        {
            var logits = model.Forward(Tensor.From([.. context], 1, context.Count))[0, ^1];
            var p = logits.Softmax(-1);
            int next = (int)rng.Choice(Vocabulary.Length, 1, p: p).ToArray()[0];
            if (next == 0) break;
            context.Add(next);
            name.Append(Vocabulary[next]);
        }
        return name.ToString();
    }
}
