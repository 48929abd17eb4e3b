using AutoNet.Visualization;
using Xunit;

namespace AutoNet.Tests.Visualization;

/// <summary><see cref="Autograd.TraceBackward"/>: the exact step-by-step text for tiny graphs.</summary>
public class BackwardTraceTests
{
    [Fact]
    public void TracesEachNodeItsIncomingGradientAndWhatItPassesOn()
    {
        var a = Tensor.From([1.0, 2.0], 2);
        a.RequiresGrad = true;
        var b = Tensor.From([3.0, 4.0], 2);
        b.RequiresGrad = true;
        var loss = (a * b + a).Sum();
        var options = new VisualizationOptions { Names = { [a] = "a", [b] = "b", [loss] = "loss" } };
        var log = new StringWriter { NewLine = "\n" };

        using (Autograd.TraceBackward(log, options)) loss.Backward();

        Assert.Equal(
            """
            backward from loss (Sum) [], seed 1
            step 1: loss (Sum) [] receives 1
              -> input 0 (Add [2]) gets [1, 1]
            step 2: Add [2] receives [1, 1]
              -> input 0 (Mul [2]) gets [1, 1]
              -> input 1 (a [2]) gets [1, 1], added to a.Grad
            step 3: Mul [2] receives [1, 1]
              -> input 0 (a [2]) gets [3, 4], added to a.Grad
              -> input 1 (b [2]) gets [1, 2], added to b.Grad

            """.ReplaceLineEndings("\n"), log.ToString());
        Assert.Equal([4.0, 5.0], a.Grad!.ToArray());
        Assert.Equal([1.0, 2.0], b.Grad!.ToArray());
    }

    [Fact]
    public void RecordedCreationSitesNameTheLineOfUserCodeInTheTrace()
    {
        var a = Tensor.From([1.0, 2.0], 2);
        a.RequiresGrad = true;
        Tensor loss;
        int line;
        using (Autograd.RecordCreationSites())
        {
            line = new System.Diagnostics.StackFrame(0, true).GetFileLineNumber() + 1;
            loss = (a * 3.0).Sum();
        }
        Assert.Equal($"BackwardTraceTests.cs:{line} in RecordedCreationSitesNameTheLineOfUserCodeInTheTrace", loss.GradFn!.CreatedAt);
        Assert.Null((a * 3.0).GradFn!.CreatedAt); // outside the scope nothing is recorded
        var log = new StringWriter { NewLine = "\n" };

        using (Autograd.TraceBackward(log)) loss.Backward();

        Assert.Contains($"step 1: Sum [] [created at BackwardTraceTests.cs:{line} in RecordedCreationSitesNameTheLineOfUserCodeInTheTrace] receives 1", log.ToString());
        Assert.Contains($"step 2: Mul [2] [created at BackwardTraceTests.cs:{line} in", log.ToString());
    }

    [Fact]
    public void GradientsFromTwoConsumersAreShownAsTheirSum()
    {
        var x = Tensor.Scalar(3.0);
        x.RequiresGrad = true;
        var h = x * 2.0;       // used twice below
        var y = h * h + h;     // dy/dh = 2h + 1 = 13
        var log = new StringWriter { NewLine = "\n" };

        using (Autograd.TraceBackward(log, new VisualizationOptions { Names = { [x] = "x", [h] = "h" } })) y.Backward();

        Assert.Equal(
            """
            backward from Add [], seed 1
            step 1: Add [] receives 1
              -> input 0 (Mul []) gets 1
              -> input 1 (h (Mul) []) gets 1
            step 2: Mul [] receives 1
              -> input 0 (h (Mul) []) gets 6
              -> input 1 (h (Mul) []) gets 6
            step 3: h (Mul) [] receives (sum of 3) 13
              -> input 0 (x []) gets 26, added to x.Grad
              -> input 1 (constant []) gets nothing (does not require grad)

            """.ReplaceLineEndings("\n"), log.ToString());
        Assert.Equal(26.0, x.Grad!.Item());
    }

    [Fact]
    public void LargeGradientsArePrintedByShape()
    {
        var w = Tensor.Ones(3, 4);
        w.RequiresGrad = true;
        var log = new StringWriter { NewLine = "\n" };

        using (Autograd.TraceBackward(log, new VisualizationOptions { MaxElements = 4 })) w.Relu().Sum().Backward();

        Assert.Equal(
            """
            backward from Sum [], seed 1
            step 1: Sum [] receives 1
              -> input 0 (Relu [3, 4]) gets tensor of shape [3, 4]
            step 2: Relu [3, 4] receives tensor of shape [3, 4]
              -> input 0 (leaf [3, 4]) gets tensor of shape [3, 4], added to its Grad

            """.ReplaceLineEndings("\n"), log.ToString());
    }

    [Fact]
    public void AutogradGradIsTracedWithoutTouchingGrad()
    {
        var x = Tensor.From([2.0], 1);
        x.RequiresGrad = true;
        var log = new StringWriter { NewLine = "\n" };

        Tensor?[] grads;
        using (Autograd.TraceBackward(log)) grads = Autograd.Grad([x.Exp().Sum()], [x]);

        Assert.Equal(
            """
            backward from Sum [], seed 1
            step 1: Sum [] receives 1
              -> input 0 (Exp [1]) gets [1]
            step 2: Exp [1] receives [1]
              -> input 0 (leaf [1]) gets [7.389]

            """.ReplaceLineEndings("\n"), log.ToString());
        Assert.Null(x.Grad);
        Assert.Equal(Math.Exp(2.0), grads[0]!.Item());
    }

    [Fact]
    public void NothingIsWrittenOnceTheScopeIsDisposed()
    {
        var x = Tensor.Scalar(1.0);
        x.RequiresGrad = true;
        var log = new StringWriter();

        using (Autograd.TraceBackward(log)) { }
        (x * 3.0).Backward();

        Assert.Equal("", log.ToString());
        Assert.Equal(3.0, x.Grad!.Item());
    }

    [Fact]
    public void ANullWriterIsRefused()
    {
        Assert.Throws<ArgumentNullException>(() => Autograd.TraceBackward(null!));
    }
}
