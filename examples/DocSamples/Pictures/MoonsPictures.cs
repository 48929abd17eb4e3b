using AutoNet;
using AutoNet.Nn;
using AutoNet.Visualization;
using DocSamples.MoonsFourWays;

namespace DocSamples.Pictures;

/// <summary>The moons network's graph as a picture, and its first backward pass step by step.</summary>
public static class MoonsPictures
{
    /// <summary>The seed's model (Sequential, seed weights), its loss at epoch 0, and names for the pictures.</summary>
    public static (Tensor Loss, GraphExportOptions Options) EpochZeroLoss()
    {
        var (X, y) = SeedSetup.Data();
        var (model, _, _) = Declarative.SeedModel();

        var loss = new BCELoss().Forward(model.Forward(X), y);

        var options = new GraphExportOptions { Names = { [X] = "X", [y] = "y", [loss] = "loss" } };
        options.AddNames(model.NamedParameters());   // 0.weight, 0.bias, 2.weight, 2.bias
        return (loss, options);
    }

    /// <summary>The graph in Mermaid, for a ```mermaid block.</summary>
    public static string Mermaid()
    {
        var (loss, options) = EpochZeroLoss();
        return GraphExport.ToMermaid(loss, options);
    }

    /// <summary>The graph in Graphviz DOT (render with dot -Tsvg).</summary>
    public static string Dot()
    {
        var (loss, options) = EpochZeroLoss();
        return GraphExport.ToDot(loss, options);
    }

    /// <summary>The backward pass of epoch 0, one node at a time.</summary>
    public static void Trace(TextWriter writer)
    {
        var (loss, options) = EpochZeroLoss();
        using (Autograd.TraceBackward(writer, options))
        {
            loss.Backward();
        }
    }
}
