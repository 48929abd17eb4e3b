using System.Runtime.CompilerServices;
using AutoNet.Data;
using AutoNet.Nn;
using TorchSharp;
using TorchModules = TorchSharp.Modules;

namespace AutoNet.TorchSharp;

internal static partial class BuiltInConverters
{
    /// <summary>The AutoNet settings of each TorchSharp MultiheadAttention made by the export, for the way back.</summary>
    private static readonly ConditionalWeakTable<TorchModules.MultiheadAttention, AttentionSettings> ExportedAttention = new();

    private sealed record AttentionSettings(int NumHeads, double Dropout, bool BatchFirst);

    /// <summary>
    /// MultiheadAttention both ways (a container converter: TorchSharp's module has no one-tensor forward, so it
    /// converts with <see cref="ModuleConversion.ToTorchModule"/>). Parameters are copied by their common names
    /// (<c>in_proj_weight</c>, <c>in_proj_bias</c>, <c>out_proj.weight</c>, <c>out_proj.bias</c>). TorchSharp's module
    /// is always sequence-first ([L, N, E]: it has no batch_first) and does not tell its head count or dropout: the
    /// export remembers them for the way back; a TorchSharp module made elsewhere is imported with the head count that
    /// reproduces its output (its weights averaged over heads) on a probe input, and dropout 0. Modules with kdim/vdim
    /// other than embed_dim or add_bias_kv are refused (AutoNet has neither); add_zero_attn shows as no head count
    /// matching, and is refused too.
    /// </summary>
    private static IEnumerable<ModuleConverter> Attention()
    {
        yield return ModuleConverter.CreateContainer<Nn.MultiheadAttention, TorchModules.MultiheadAttention>(
            (m, _) =>
            {
                var torchModule = torch.nn.MultiheadAttention(m.EmbedDim, m.NumHeads, m.Dropout, m.InProjBias is not null);
                torchModule.to(m.InProjWeight.DType.ToScalarType());
                var state = m.StateDict();
                foreach (var (name, p) in torchModule.named_parameters()) CopyInto(p, state[name]);
                ExportedAttention.AddOrUpdate(torchModule, new AttentionSettings(m.NumHeads, m.Dropout, m.BatchFirst));
                return torchModule;
            },
            (m, _) =>
            {
                var parameters = m.named_parameters().ToDictionary(p => p.name, p => p.parameter);
                if (!parameters.TryGetValue("in_proj_weight", out var inProj))
                    throw Unsupported("MultiheadAttention", "kdim or vdim other than embed_dim (separate q/k/v projection weights)");
                if (parameters.ContainsKey("bias_k") || parameters.ContainsKey("bias_v")) throw Unsupported("MultiheadAttention", "add_bias_kv");
                int e = Int(inProj.shape[1]);
                bool bias = parameters.ContainsKey("in_proj_bias");
                var dtype = inProj.dtype.ToDType();
                var settings = ExportedAttention.TryGetValue(m, out var known) ? known : new AttentionSettings(ProbeHeadCount(m, e, bias, dtype), 0, false);
                return Imported(m, e, settings, bias, dtype);
            });
    }

    private static Nn.MultiheadAttention Imported(TorchModules.MultiheadAttention m, int e, AttentionSettings s, bool bias, DType dtype)
    {
        // A throwaway generator: the initial values are overwritten, and Init.Generator must not advance.
        var attention = new Nn.MultiheadAttention(e, s.NumHeads, s.Dropout, bias, s.BatchFirst, dtype, new NumPyRandomState(0));
        var ours = attention.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter);
        foreach (var (name, p) in m.named_parameters()) CopyInto(ours[name], p);
        if (!m.training) attention.Eval();
        return attention;
    }

    /// <summary>The head count (a divisor of E) whose AutoNet layer, with the module's parameters and dropout off,
    /// gives the module's output and head-averaged weights on a fixed probe input.</summary>
    private static int ProbeHeadCount(TorchModules.MultiheadAttention m, int e, bool bias, DType dtype)
    {
        var random = new NumPyRandomState(0);
        var query = random.Normal(0, 1, 3, 2, e).To(dtype);
        var key = random.Normal(0, 1, 4, 2, e).To(dtype);
        double tolerance = dtype == DType.Float32 ? 1e-4 : 1e-9;
        bool wasTraining = m.training;
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        using var noAutoNetGrad = Autograd.NoGrad();
        m.eval();
        try
        {
            var (output, weights) = m.forward(query.ToTorch(), key.ToTorch(), key.ToTorch(), null, true, null);
            double[] expectedOutput = output.ToAutoNet().ToArray(), expectedWeights = weights.ToAutoNet().ToArray();
            foreach (int heads in Enumerable.Range(1, e).Where(h => e % h == 0))
            {
                var candidate = Imported(m, e, new AttentionSettings(heads, 0, false), bias, dtype);
                candidate.Eval();
                var (y, w) = candidate.Forward(query, key, key);
                if (Near(expectedOutput, y.ToArray(), tolerance) && Near(expectedWeights, w!.ToArray(), tolerance)) return heads;
            }
        }
        finally
        {
            m.train(wasTraining);
        }
        throw Unsupported("MultiheadAttention", "an output no head count reproduces (add_zero_attn?)");
    }

    private static bool Near(double[] expected, double[] actual, double tolerance) =>
        expected.Length == actual.Length && expected.Zip(actual).All(p => Math.Abs(p.First - p.Second) <= tolerance * (1 + Math.Abs(p.First)));
}
