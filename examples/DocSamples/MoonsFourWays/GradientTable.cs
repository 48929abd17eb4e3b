using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DocSamples.MoonsFourWays;

/// <summary>Prints the epoch-0 gradients of every way side by side with the seed notebook's recorded values.</summary>
public static class GradientTable
{
    /// <summary>The seed notebook's hand-written gradients at epoch 0 (Fixtures/seed-grads-epoch0.json), flattened.</summary>
    public static IReadOnlyList<(string Name, int Columns, double[] Values)> SeedReference()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "seed-grads-epoch0.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var grads = json.RootElement.GetProperty("grads_epoch0_handwritten");
        return [.. new[] { "W1", "b1", "W2", "b2" }.Select(name =>
        {
            var rows = grads.GetProperty(name).EnumerateArray().ToList();
            return ("d" + name, rows[0].GetArrayLength(), rows.SelectMany(row => row.EnumerateArray()).Select(v => v.GetDouble()).ToArray());
        })];
    }

    /// <summary>The largest absolute difference between <paramref name="gradients"/> and the seed's values.</summary>
    public static double MaxDifference(MoonsGradients gradients)
    {
        var reference = SeedReference();
        double max = 0;
        foreach (var ((_, ours), (_, _, seed)) in gradients.Named().Zip(reference))
            for (int i = 0; i < seed.Length; i++) max = Math.Max(max, Math.Abs(ours[i] - seed[i]));
        return max;
    }

    /// <summary>A Markdown table: one row per gradient element, one column per way.</summary>
    public static string Markdown()
    {
        var ways = new (string Title, MoonsGradients Gradients)[]
        {
            ("1. hand-written", HandWritten.EpochZeroGradients()),
            ("2. autograd, raw tensors", RawAutograd.EpochZeroGradients()),
            ("3. Sequential", Declarative.EpochZeroGradients()),
        };
        var reference = SeedReference();
        var sb = new StringBuilder("| gradient | NumPy seed (recorded) |");
        foreach (var (title, _) in ways) sb.Append(' ').Append(title).Append(" |");
        sb.Append("\n|---|---:|").Append(string.Concat(ways.Select(_ => "---:|"))).Append('\n');
        var named = ways.Select(w => w.Gradients.Named().ToList()).ToList();
        for (int g = 0; g < reference.Count; g++)
        {
            var (name, columns, seed) = reference[g];
            for (int i = 0; i < seed.Length; i++)
            {
                sb.Append("| ").Append(name).Append('[').Append(i / columns).Append(", ").Append(i % columns).Append("] | ").Append(Number(seed[i])).Append(" |");
                foreach (var way in named) sb.Append(' ').Append(Number(way[g].Values[i])).Append(" |");
                sb.Append('\n');
            }
        }
        sb.Append("| largest difference from the seed | |");
        foreach (var (_, gradients) in ways) sb.Append(' ').Append(MaxDifference(gradients).ToString("G3", CultureInfo.InvariantCulture)).Append(" |");
        return sb.Append('\n').ToString();
    }

    /// <summary>Ten significant digits, in scientific notation.</summary>
    private static string Number(double v) => v.ToString("0.000000000E+00", CultureInfo.InvariantCulture);
}
