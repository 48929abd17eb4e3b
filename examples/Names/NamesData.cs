// The names as training examples for a character-level language model: each name, followed by the end mark '.',
// gives one example per character: the 3 characters before it (padded with '.') and the character itself.
using AutoNet;
using AutoNet.Data;

namespace NamesExample;

/// <summary>The vocabulary, the seeded 80/10/10 split of the names and their (context, next character) examples.</summary>
public static class NamesData
{
    /// <summary>The characters: '.' (start and end of a name, index 0) then a..z (1..26).</summary>
    public const string Vocabulary = ".abcdefghijklmnopqrstuvwxyz";

    /// <summary>Characters of context the model sees before predicting the next one.</summary>
    public const int BlockSize = 3;

    /// <summary>The names of names.txt (one per line, a..z only), in file order.</summary>
    public static string[] LoadWords(string path)
    {
        var words = File.ReadAllLines(path).Select(w => w.Trim()).Where(w => w.Length > 0).ToArray();
        foreach (var w in words)
            if (w.Any(c => c is < 'a' or > 'z'))
                throw new InvalidDataException($"{path}: '{w}' has a character outside a..z; expected lowercase names.");
        return words;
    }

    /// <summary>The names.txt shipped beside the program (data/README.md says where it comes from).</summary>
    public static string[] LoadWords() => LoadWords(Path.Combine(AppContext.BaseDirectory, "data", "names.txt"));

    /// <summary>
    /// The words shuffled by <c>numpy.random.RandomState(seed).permutation(n)</c> and split at n1 = int(0.8 n) and
    /// n2 = int(0.9 n) into train, dev and test.
    /// </summary>
    public static (string[] Train, string[] Dev, string[] Test) Split(string[] words, uint seed)
    {
        var order = new NumPyRandomState(seed).Permutation(words.Length);
        var shuffled = order.Select(i => words[i]).ToArray();
        int n1 = (int)(0.8 * words.Length), n2 = (int)(0.9 * words.Length);
        return (shuffled[..n1], shuffled[n1..n2], shuffled[n2..]);
    }

    /// <summary>Index of a character of <see cref="Vocabulary"/>.</summary>
    public static int Index(char c) => c == '.' ? 0 : c - 'a' + 1;

    /// <summary>
    /// The examples of <paramref name="words"/>: X [N, 3] Int64 contexts and Y [N] Int64 next characters, in the
    /// order of the words and their characters (as makemore's build_dataset).
    /// </summary>
    public static (Tensor X, Tensor Y) Build(IReadOnlyList<string> words)
    {
        var x = new List<long>();
        var y = new List<long>();
        var context = new long[BlockSize];
        foreach (var word in words)
        {
            Array.Clear(context);
            foreach (char c in word + ".")
            {
                int ix = Index(c);
                x.AddRange(context);
                y.Add(ix);
                Array.Copy(context, 1, context, 0, BlockSize - 1);
                context[^1] = ix;
            }
        }
        return (Tensor.From(x.ToArray(), y.Count, BlockSize), Tensor.From(y.ToArray(), y.Count));
    }

    /// <summary>
    /// The bigram baseline: P(next | previous) from the counts of the training names' character pairs (with '.' at
    /// both ends), each count + 1; returns the mean negative log-likelihood of the pairs of <paramref name="dev"/>.
    /// </summary>
    public static double BigramLoss(IEnumerable<string> train, IEnumerable<string> dev)
    {
        int v = Vocabulary.Length;
        var counts = new double[v, v];
        for (int a = 0; a < v; a++) for (int b = 0; b < v; b++) counts[a, b] = 1; // +1 smoothing
        foreach (var word in train) foreach (var (a, b) in Pairs(word)) counts[a, b]++;
        var rowSums = new double[v];
        for (int a = 0; a < v; a++) for (int b = 0; b < v; b++) rowSums[a] += counts[a, b];
        double nll = 0;
        long n = 0;
        foreach (var word in dev)
            foreach (var (a, b) in Pairs(word))
            {
                nll -= Math.Log(counts[a, b] / rowSums[a]);
                n++;
            }
        return nll / n;
    }

    private static IEnumerable<(int, int)> Pairs(string word)
    {
        string padded = "." + word + ".";
        for (int i = 0; i + 1 < padded.Length; i++) yield return (Index(padded[i]), Index(padded[i + 1]));
    }
}
