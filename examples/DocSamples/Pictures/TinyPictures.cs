using AutoNet;
using AutoNet.Visualization;

namespace DocSamples.Pictures;

/// <summary>The smallest graph worth drawing: loss = sum(w * x + b).</summary>
public static class TinyPictures
{
    public static void Run(TextWriter writer)
    {
        var w = Tensor.From([0.5, -1.0], 2);
        var b = Tensor.Scalar(0.1);
        w.RequiresGrad = true;
        b.RequiresGrad = true;
        var x = Tensor.From([3.0, 4.0], 2);

        var loss = (w * x + b).Sum();

        var options = new GraphExportOptions { Names = { [w] = "w", [b] = "b", [x] = "x", [loss] = "loss" }, ShowValues = true };
        writer.WriteLine(GraphExport.ToMermaid(loss, options));   // the picture, before backward frees the graph
        using (Autograd.TraceBackward(writer, options))
        {
            loss.Backward();                                       // the trace, step by step
        }
    }
}
