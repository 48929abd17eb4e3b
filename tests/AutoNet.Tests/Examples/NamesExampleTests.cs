using AutoNet.Data;
using NamesExample;
using Xunit;

namespace AutoNet.Tests.Examples;

/// <summary>
/// The parts of examples/Names that its printed lines rest on: the examples built from the names, the split, the
/// bigram baseline, and the gradient of the embedding lookup C[X] that docs/example-names.md draws. The full run
/// (20,000 steps) is checked against expected-output.txt by CI's run of the examples.
/// </summary>
public class NamesExampleTests
{
    [Fact]
    public void A_name_gives_one_example_per_character_and_the_end_mark_with_the_three_characters_before_it()
    {
        var (x, y) = NamesData.Build(["emma"]);
        Assert.Equal([5, 3], x.Shape);
        long[] e = [NamesData.Index('e')], m = [NamesData.Index('m')], a = [NamesData.Index('a')];
        Assert.Equal([0, 0, 0, 0, 0, e[0], 0, e[0], m[0], e[0], m[0], m[0], m[0], m[0], a[0]], x.ToInt64Array());
        Assert.Equal([e[0], m[0], m[0], a[0], 0], y.ToInt64Array());
    }

    [Fact]
    public void The_split_is_a_seeded_permutation_cut_at_80_and_90_percent()
    {
        var words = Enumerable.Range(0, 103).Select(i => $"w{i}").ToArray();
        var (train, dev, test) = NamesData.Split(words, 42);
        Assert.Equal((82, 10, 11), (train.Length, dev.Length, test.Length)); // int(0.8 * 103) = 82, int(0.9 * 103) = 92
        var order = new NumPyRandomState(42).Permutation(103);
        Assert.Equal(order.Select(i => words[i]), train.Concat(dev).Concat(test));
        Assert.NotEqual(NamesData.Split(words, 43).Train, train);
    }

    [Fact]
    public void The_bigram_loss_is_the_mean_negative_log_of_the_smoothed_counts()
    {
        // Train "ab": pairs .a, ab, b. each counted once over the +1 of all 27 × 27 cells; dev "a": pairs .a and a.
        double pDotA = 2.0 / 28, pADot = 1.0 / 28;
        Assert.Equal(-(Math.Log(pDotA) + Math.Log(pADot)) / 2, NamesData.BigramLoss(["ab"], ["a"]), 1e-15);
    }

    [Fact]
    public void The_gradient_of_C_is_the_sum_of_the_lookup_gradients_of_each_character_and_zero_elsewhere()
    {
        var options = new NamesOptions(Embed: 4, Hidden: 8);
        var (embGrad, characters, cGrad) = EmbeddingGradientPicture.Gradients(options);
        Assert.Equal(characters.Length, embGrad.GetLength(0));
        Assert.Equal(NamesData.Vocabulary.Length, cGrad.GetLength(0));
        for (int c = 0; c < NamesData.Vocabulary.Length; c++)
        {
            var rows = Enumerable.Range(0, characters.Length).Where(k => characters[k] == NamesData.Vocabulary[c]).ToList();
            for (int j = 0; j < options.Embed; j++)
            {
                double sum = rows.Sum(k => embGrad[k, j]);
                Assert.Equal(sum, cGrad[c, j], 1e-6); // float32
                if (rows.Count == 0) Assert.Equal(0.0, cGrad[c, j]);
            }
        }
        Assert.Contains(cGrad.Cast<double>(), v => v != 0); // there is something to draw
        Assert.True(characters.Count(ch => ch == 'n') >= 2, "the picture's word has a repeated letter");
    }
}
