using AutoNet.Nn;
using AutoNet.Onnx.Protobuf;

namespace AutoNet.Onnx;

internal static partial class LayerExport
{
    /// <summary>
    /// Flatten(startDim, endDim) merges dimensions startDim..endDim into one. ONNX's <c>Flatten(axis)</c> always
    /// gives a 2-D result [d0·…·d(axis-1), d(axis)·…], which is PyTorch's flatten only for startDim = 1 and
    /// endDim = -1 (the default, and the common case): that case becomes a Flatten node. Any other range becomes a
    /// <c>Reshape</c> to the known result shape, with 0 ("copy the input's dimension") for the batch. A range that
    /// includes the batch dimension 0 is refused: the exported graph keeps dimension 0 as the batch.
    /// </summary>
    private static GraphValue ExportFlatten(GraphBuilder g, Flatten flatten, string path, GraphValue x)
    {
        int start = (int)Axis(flatten.StartDim, x, path, "Flatten");
        int end = (int)Axis(flatten.EndDim, x, path, "Flatten");
        if (start > end)
            throw new ArgumentException(
                $"OnnxExporter: layer '{Display(path)}' (Flatten) has startDim {flatten.StartDim} after endDim {flatten.EndDim} for its input of shape {x.ShapeText}.");
        if (start == 0)
            throw new ArgumentException(
                $"OnnxExporter: layer '{Display(path)}' (Flatten) has startDim {flatten.StartDim}, which would merge the batch dimension into others; " +
                "the exported graph keeps dimension 0 as the batch. Use startDim >= 1.");

        // Work on the sample shape (without the batch): full dims start..end are sample dims start-1..end-1.
        int[] s = x.SampleShape;
        int merged = 1;
        for (int i = start - 1; i <= end - 1; i++) merged *= s[i];
        int[] sampleShape = [.. s[..(start - 1)], merged, .. s[end..]];

        if (start == 1 && end == x.Rank - 1)
            return new(g.Node("Flatten", NodeName(path, "Flatten"), [x.Name], new OnnxIntAttribute("axis", 1)), sampleShape);
        long[] target = [0, .. sampleShape.Select(d => (long)d)]; // Reshape: 0 copies the input's dimension, the batch size
        string shape = g.Int64Constant(ConstantName(path, "shape"), target);
        return new(g.Node("Reshape", NodeName(path, "Reshape"), [x.Name, shape]), sampleShape);
    }
}
