using AutoNet.Data;
using AutoNet.Tests.DocSamples;
using TinyGpt;
using Xunit;

namespace AutoNet.Tests.Examples;

/// <summary>The pieces of examples/TinyGpt's recipe: sequences, split, loss over non-padding positions, causality.</summary>
public class TinyGptTests
{
    private static string NamesPath => RepositoryFiles.PathOf(Path.Combine("examples", "TinyGpt", "data", "names.txt"));

    [Fact]
    public void A_name_becomes_dot_plus_name_in_and_name_plus_dot_out_padded_to_the_block()
    {
        var s = TinyGptTraining.Encode(["emma"]);
        long e = 5, m = 13, a = 1, pad = TinyGptTraining.Ignore;
        Assert.Equal(new long[] { 0, e, m, m, a, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, s.Inputs);
        Assert.Equal(new long[] { e, m, m, a, 0, pad, pad, pad, pad, pad, pad, pad, pad, pad, pad, pad }, s.Targets);
    }

    [Fact]
    public void The_split_is_80_10_10_of_a_seeded_permutation_and_covers_every_name_once()
    {
        var names = TinyGptTraining.LoadNames(NamesPath);
        var (train, dev, test) = TinyGptTraining.Split(names, 42);
        int n1 = (int)(0.8 * names.Length), n2 = (int)(0.9 * names.Length);
        Assert.Equal((n1, n2 - n1, names.Length - n2), (train.Count, dev.Count, test.Count));

        // The first training sequence is the name at the permutation's first index.
        int first = new NumPyRandomState(42).Permutation(names.Length)[0];
        Assert.Equal(TinyGptTraining.Encode([names[first]]).Inputs, train.Inputs[..TinyGptTraining.BlockSize]);

        var all = new[] { train, dev, test }.SelectMany(Decode).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(names.Order(StringComparer.Ordinal), all);
    }

    [Fact]
    public void A_name_longer_than_fifteen_letters_is_refused_with_its_length()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "anna\nabcdefghijklmnop\n");
            var error = Assert.Throws<InvalidDataException>(() => TinyGptTraining.LoadNames(path));
            Assert.Contains("'abcdefghijklmnop' has 16 letters; at most 15 fit a block of 16", error.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void The_loss_is_the_mean_over_the_non_padding_positions_only()
    {
        var model = TinyGptTraining.BuildModel(3, DType.Float64);
        var (x, y) = TinyGptTraining.Encode(["bo", "alexandra"]).All();
        var logits = model.Forward(x);
        double loss = TinyGptTraining.Loss(logits, y).Item();

        var logProbs = logits.LogSoftmax(-1).ToArray();
        var targets = y.ToArray();
        double sum = 0;
        int count = 0;
        for (int p = 0; p < targets.Length; p++)
        {
            if (targets[p] == TinyGptTraining.Ignore) continue;
            sum -= logProbs[p * 27 + (int)targets[p]];
            count++;
        }
        Assert.Equal(3 + 10, count);
        Assert.Equal(sum / count, loss, 1e-12);
    }

    [Fact]
    public void A_later_token_does_not_change_the_logits_of_earlier_positions()
    {
        var model = TinyGptTraining.BuildModel(5, DType.Float64);
        var a = model.Forward(Tensor.From([0L, 1, 2, 3, 4, 5], 1, 6)).ToArray();
        var b = model.Forward(Tensor.From([0L, 1, 2, 3, 4, 26], 1, 6)).ToArray();
        Assert.Equal(a[..(5 * 27)], b[..(5 * 27)]);
        Assert.NotEqual(a[(5 * 27)..], b[(5 * 27)..]);
    }

    [Fact]
    public void The_attention_weights_are_causal_rows_that_sum_to_one()
    {
        var model = TinyGptTraining.BuildModel(5, DType.Float64);
        var weights = model.AttentionWeights(Tensor.From([0L, 1, 2, 3], 1, 4));
        Assert.Equal(2, weights.Count);
        foreach (var w in weights)
        {
            Assert.Equal([1, 4, 4, 4], w.Shape);
            var v = w.ToArray();
            for (int row = 0; row < 16; row++)
            {
                int i = row % 4;
                Assert.Equal(1.0, v.Skip(row * 4).Take(4).Sum(), 1e-12);
                for (int j = i + 1; j < 4; j++) Assert.Equal(0.0, v[row * 4 + j]);
            }
        }
    }

    [Fact]
    public void The_masked_scores_get_a_zero_gradient_and_each_row_of_the_score_gradient_sums_to_zero()
    {
        // What docs/example-tinygpt.md says of softmax's and the mask's backward, on one causal attention.
        var rng = new NumPyRandomState(7);
        var q = rng.Randn(2, 5, 4);
        var k = rng.Randn(2, 5, 4);
        var v = rng.Randn(2, 5, 4);
        var future = Tensor.Ones([5, 5]).Triu(1).Eq(1);
        var scores = q.MatMul(k.Transpose(-2, -1));
        scores.RequiresGrad = true;
        Tensor? scoreGrad = null;
        using var _ = scores.RegisterHook(g => { scoreGrad = g; return null; });
        var y = scores.MaskedFill(future, double.NegativeInfinity).Softmax(-1).MatMul(v);
        (y * rng.Randn(2, 5, 4)).Sum().Backward();

        var g = scoreGrad!.ToArray();
        for (int row = 0; row < 10; row++)
        {
            int i = row % 5;
            for (int j = i + 1; j < 5; j++) Assert.Equal(0.0, g[row * 5 + j]);
            Assert.Equal(0.0, g.Skip(row * 5).Take(5).Sum(), 1e-14);
            if (i > 0) Assert.NotEqual(0.0, g[row * 5]); // row 0 has one key, weight 1 whatever its score: no gradient
        }
    }

    [Fact]
    public void The_key_bias_gets_only_rounding_noise_as_gradient()
    {
        var model = TinyGptTraining.BuildModel(9, DType.Float64);
        var (x, y) = TinyGptTraining.Encode(["anna", "bob", "christopher"]).All();
        TinyGptTraining.Loss(model.Forward(x), y).Backward();
        foreach (var (name, p) in model.NamedParameters().Where(n => n.Name.EndsWith("c_attn.bias", StringComparison.Ordinal)))
        {
            double key = p.Grad!.Narrow(0, 64, 64).Abs().Max().Item();
            double query = p.Grad!.Narrow(0, 0, 64).Abs().Max().Item();
            Assert.True(key < 1e-15, $"{name}: key bias gradient {key}");
            Assert.True(query > 1e-6, $"{name}: query bias gradient {query}");
        }
    }

    private static IEnumerable<string> Decode(NameSequences s) =>
        Enumerable.Range(0, s.Count).Select(r => new string(
            s.Targets.Skip(r * TinyGptTraining.BlockSize).TakeWhile(t => t > 0).Select(t => TinyGptTraining.Vocabulary[(int)t]).ToArray()));
}
