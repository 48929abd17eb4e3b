using global::DocSamples.ConvGradient;
using Xunit;

namespace AutoNet.Tests.DocSamples;

/// <summary>docs/example-digits.md's worked example of the gradient through a convolution and a max-pool.</summary>
public class ConvGradientTests
{
    /// <summary>The im2col products the page explains give what F.Conv2d and its backward give.</summary>
    [Fact]
    public void The_im2col_products_give_autograds_output_and_gradients()
    {
        var n = ConvGradientExample.Compute();

        Assert.Equal(0, ConvGradientExample.MaxDiff(n.Y, n.YByProduct));
        Assert.Equal(0, ConvGradientExample.MaxDiff(n.DW, n.DWByProduct));
        Assert.Equal(0, ConvGradientExample.MaxDiff(n.DX, n.DXByCol2Im));
    }

    /// <summary>Max-pool's input gradient holds each window's output gradient at the window's maximum, 0 elsewhere.</summary>
    [Fact]
    public void Max_pool_sends_each_windows_gradient_to_its_maximum()
    {
        var n = ConvGradientExample.Compute();
        var x = n.PoolX.ToArray();
        var dx = n.PoolDX.ToArray();
        var g = n.PoolG.ToArray();
        for (int r = 0; r < 4; r++)
            for (int c = 0; c < 4; c++)
            {
                int window = (r / 2) * 2 + c / 2;
                double max = Enumerable.Range(0, 4).Select(k => x[((r / 2) * 2 + k / 2) * 4 + (c / 2) * 2 + k % 2]).Max();
                Assert.Equal(x[r * 4 + c] == max ? g[window] : 0, dx[r * 4 + c]);
            }
    }

    /// <summary>docs/assets/conv-gradient.svg is the picture of today's numbers. If this fails, run
    /// docs/generate-assets.sh and commit the result.</summary>
    [Fact]
    public void The_committed_picture_is_up_to_date()
    {
        string path = RepositoryFiles.PathOf(Path.Combine("docs", "assets", "conv-gradient.svg"));
        Assert.True(File.Exists(path), $"{path} is missing: run docs/generate-assets.sh");
        Assert.True(ConvGradientPicture.Svg() == File.ReadAllText(path).ReplaceLineEndings("\n"),
            "docs/assets/conv-gradient.svg is out of date: run docs/generate-assets.sh");
    }
}
