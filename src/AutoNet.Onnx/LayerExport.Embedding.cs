using AutoNet.Nn;

namespace AutoNet.Onnx;

internal static partial class LayerExport
{
    /// <summary>
    /// Embedding: <c>Gather(weight, indices)</c> on axis 0, [N, *] Int64 indices giving [N, *, D], as torch.onnx
    /// writes it. The indices are the graph's input, so the layer must come first: the exported graph then takes
    /// Int64 input. The padding row only matters for gradients, so inference ignores it.
    /// </summary>
    private static GraphValue ExportEmbedding(GraphBuilder g, Embedding embedding, string path, GraphValue x)
    {
        if (x.Name != GraphInput)
            throw new ArgumentException(
                $"OnnxExporter: layer '{Display(path)}' (Embedding) reads Int64 indices, so it must be the model's first layer (the graph's input becomes Int64); here it follows other layers.");
        g.ClaimInputAsIndices();
        string weight = g.Constant(ConstantName(path, "weight"), [embedding.NumEmbeddings, embedding.EmbeddingDim], embedding.Weight.ToArray());
        return new(g.Node("Gather", NodeName(path, "Gather"), [weight, x.Name]), [.. x.SampleShape, embedding.EmbeddingDim]);
    }
}
