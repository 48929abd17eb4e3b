using AutoNet.Nn;
using AutoNet.Onnx.Protobuf;

namespace AutoNet.Onnx;

internal static partial class LayerExport
{
    /// <summary>
    /// BatchNorm1d and BatchNorm2d at inference: <c>BatchNormalization(x, scale, bias, running_mean, running_var;
    /// epsilon)</c>, y = (x - mean) / √(var + ε) · scale + bias over channel dimension 1 of an [N, C] or [N, C, L]
    /// input (1d) or an [N, C, H, W] input (2d). Without affine parameters the scale is ones and the bias zeros. ε is
    /// a float attribute (single precision in ONNX).
    /// </summary>
    private static GraphValue ExportBatchNorm(GraphBuilder g, BatchNorm batchNorm, string path, GraphValue x)
    {
        bool twoD = batchNorm is BatchNorm2d;
        string layer = twoD ? "BatchNorm2d" : "BatchNorm1d";
        if (batchNorm.RunningMean is null || batchNorm.RunningVar is null)
            throw new NotSupportedException(
                $"OnnxExporter: layer '{Display(path)}' is a {layer} with trackRunningStats: false, which normalises every batch with its own " +
                $"statistics even in eval mode; ONNX BatchNormalization at inference uses stored statistics. Only {layer} with running statistics can be exported.");
        int c = batchNorm.NumFeatures;
        bool rankFits = twoD ? x.SampleShape.Length == 3 : x.SampleShape.Length is 1 or 2;
        if (!rankFits || x.SampleShape[0] != c)
            throw new ArgumentException(
                $"OnnxExporter: layer '{Display(path)}' ({layer}) expects inputs of shape {(twoD ? $"[N, {c}, H, W]" : $"[N, {c}] or [N, {c}, L]")}, but gets shape {x.ShapeText}.");
        long[] dims = [c];
        string scale = g.Constant(ConstantName(path, "weight"), dims, batchNorm.Weight?.ToArray() ?? Filled(c, 1.0));
        string bias = g.Constant(ConstantName(path, "bias"), dims, batchNorm.Bias?.ToArray() ?? Filled(c, 0.0));
        string mean = g.Constant(ConstantName(path, "running_mean"), dims, batchNorm.RunningMean.ToArray());
        string variance = g.Constant(ConstantName(path, "running_var"), dims, batchNorm.RunningVar.ToArray());
        string y = g.Node("BatchNormalization", NodeName(path, "BatchNormalization"), [x.Name, scale, bias, mean, variance],
            new OnnxFloatAttribute("epsilon", (float)batchNorm.Eps));
        return new(y, x.SampleShape);
    }

    /// <summary>
    /// LayerNorm: <c>LayerNormalization(x, scale, bias; axis = -k, epsilon)</c> (opset 17), normalising over the last
    /// k = normalizedShape.Length dimensions with the biased variance, as PyTorch. Without elementwise affine
    /// parameters the scale is ones and the bias input is left out. For a float64 graph the statistics are computed
    /// in double precision (stash_type = DOUBLE).
    /// </summary>
    private static GraphValue ExportLayerNorm(GraphBuilder g, LayerNorm layerNorm, string path, GraphValue x)
    {
        int[] normalized = [.. layerNorm.NormalizedShape];
        int k = normalized.Length;
        if (x.SampleShape.Length < k || !x.SampleShape.AsSpan(x.SampleShape.Length - k).SequenceEqual(normalized))
            throw new ArgumentException(
                $"OnnxExporter: layer '{Display(path)}' (LayerNorm) normalises over trailing dimensions [{string.Join(", ", normalized)}] " +
                $"(the batch dimension cannot be one of them), but gets shape {x.ShapeText}.");
        long[] dims = [.. normalized.Select(d => (long)d)];
        int count = normalized.Aggregate(1, (a, b) => a * b);
        string scale = g.Constant(ConstantName(path, "weight"), dims, layerNorm.Weight?.ToArray() ?? Filled(count, 1.0));
        string[] inputs = layerNorm.Bias is null ? [x.Name, scale] : [x.Name, scale, g.Constant(ConstantName(path, "bias"), dims, layerNorm.Bias.ToArray())];
        string y = g.Node("LayerNormalization", NodeName(path, "LayerNormalization"), inputs,
            new OnnxIntAttribute("axis", -k),
            new OnnxFloatAttribute("epsilon", (float)layerNorm.Eps),
            new OnnxIntAttribute("stash_type", (long)g.DataType)); // precision of the mean and variance: FLOAT (1) or DOUBLE (11)
        return new(y, x.SampleShape);
    }

    private static double[] Filled(int count, double value)
    {
        var values = new double[count];
        Array.Fill(values, value);
        return values;
    }
}
