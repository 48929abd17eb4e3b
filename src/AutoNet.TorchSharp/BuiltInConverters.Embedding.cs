using AutoNet.Nn;
using TorchSharp;
using TorchModules = TorchSharp.Modules;

namespace AutoNet.TorchSharp;

internal static partial class BuiltInConverters
{
    /// <summary>Embedding, both ways. To TorchSharp: the table and padding_idx. From TorchSharp: the table only —
    /// TorchSharp's Embedding module does not expose its padding_idx (it lives in the native module), so the
    /// imported layer has none; give it with <see cref="Embedding.FromPretrained"/> when it matters.</summary>
    private static IEnumerable<ModuleConverter> Lookup()
    {
        yield return ModuleConverter.Create<Embedding, TorchModules.Embedding>(
            (m, _) =>
            {
                var embedding = torch.nn.Embedding(m.NumEmbeddings, m.EmbeddingDim, m.PaddingIdx, dtype: m.Weight.DType.ToScalarType());
                CopyInto(embedding.weight, m.Weight);
                return embedding;
            },
            (m, _) =>
            {
                var weight = m.weight!;
                return Embedding.FromPretrained(weight.ToAutoNet(), freeze: !weight.requires_grad);
            });
    }
}
