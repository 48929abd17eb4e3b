using AutoNet.CaseTable;
using AutoNet.TorchSharp;
using TorchSharp;

namespace AutoNet.TorchParity.Tests.Support;

/// <summary>
/// The TorchSharp spelling of every op of the case table (tests/OpCases/op-cases.json), beside the AutoNet one in
/// <see cref="OpCatalog"/>: op name → a function of the case's arguments and inputs, as record_torch_ops.py calls
/// PyTorch. A row without an entry here fails <c>EveryTableOp_HasATorchSpelling</c>.
/// </summary>
public static class TorchOpCatalog
{
    /// <summary>The TorchSharp call of each op.</summary>
    public static IReadOnlyDictionary<string, Func<OpArgs, torch.Tensor[], torch.Tensor>> Torch { get; } = new Dictionary<string, Func<OpArgs, torch.Tensor[], torch.Tensor>>
    {
        ["add"] = Binary((a, b) => a + b, (a, n) => a + n, (n, a) => n + a),
        ["sub"] = Binary((a, b) => a - b, (a, n) => a - n, (n, a) => n - a),
        ["mul"] = Binary((a, b) => a * b, (a, n) => a * n, (n, a) => n * a),
        ["div"] = Binary((a, b) => a / b, (a, n) => a / n, (n, a) => n / a),
        ["neg"] = (_, x) => -x[0],
        ["pow"] = (a, x) => x[0].pow(a.Double("exponent")),
        ["exp"] = (_, x) => x[0].exp(),
        ["log"] = (_, x) => x[0].log(),
        ["sqrt"] = (_, x) => x[0].sqrt(),
        ["abs"] = (_, x) => x[0].abs(),
        ["relu"] = (_, x) => x[0].relu(),
        ["sigmoid"] = (_, x) => x[0].sigmoid(),
        ["tanh"] = (_, x) => x[0].tanh(),
        ["clamp"] = (a, x) => x[0].clamp(a.Double("min"), a.Double("max")),
        ["erf"] = (_, x) => x[0].erf(),
        ["log1p"] = (_, x) => x[0].log1p(),
        ["leaky_relu"] = (a, x) => x[0].leaky_relu(a.Double("negative_slope")),
        ["gelu"] = (a, x) => torch.nn.functional.gelu(x[0], a.String("approximate") == "tanh"
            ? global::TorchSharp.Modules.GELU.Approximate.tanh : global::TorchSharp.Modules.GELU.Approximate.none),
        ["softplus"] = (_, x) => torch.nn.functional.softplus(x[0]),
        ["softmax"] = (a, x) => x[0].softmax(a.Int("dim")),
        ["log_softmax"] = (a, x) => x[0].log_softmax(a.Int("dim")),
        ["sum"] = (a, x) => a.Has("dim") ? x[0].sum(a.Int("dim"), a.Bool("keepdim")) : x[0].sum(),
        ["mean"] = (a, x) => a.Has("dim") ? x[0].mean([a.Int("dim")], a.Bool("keepdim")) : x[0].mean(),
        ["max"] = (a, x) => a.Has("dim") ? x[0].max(a.Int("dim"), a.Bool("keepdim")).values : x[0].max(),
        ["matmul"] = (_, x) => x[0].matmul(x[1]),
        ["reshape"] = (a, x) => x[0].reshape(Longs(a.Ints("shape"))),
        ["transpose"] = (a, x) => x[0].transpose(a.Int("dim0"), a.Int("dim1")),
        ["t"] = (_, x) => x[0].t(),
        ["bce"] = (a, x) => torch.nn.functional.binary_cross_entropy(x[0], x[1], reduction: TorchEnums.ToTorch(OpCatalog.ReductionOf(a.String("reduction")))),
        ["cast"] = (a, x) => x[0].to(OpCatalog.DTypeOf(a.String("to")).ToScalarType()),
        ["expand"] = (a, x) => x[0].expand(Longs(a.Ints("shape"))),
        ["sum_to"] = (a, x) => SumTo(x[0], a.Ints("shape")),
        // math (issue 11, part 6)
        ["sin"] = (_, x) => x[0].sin(),
        ["cos"] = (_, x) => x[0].cos(),
        ["log2"] = (_, x) => x[0].log2(),
        ["exp2"] = (_, x) => x[0].exp2(),
        ["rsqrt"] = (_, x) => x[0].rsqrt(),
        ["sign"] = (_, x) => x[0].sign(),
        ["reciprocal"] = (_, x) => x[0].reciprocal(),
        ["square"] = (_, x) => x[0].square(),
        // TorchSharp has no pow(Scalar, Tensor): the number as a 0-d tensor of the exponent's dtype (the same values).
        ["pow_tensor"] = (a, x) => a.Has("number") ? torch.tensor(a.Double("number"), x[0].dtype).pow(x[0]) : x[0].pow(x[1]),
        ["cumsum"] = (a, x) => x[0].cumsum(a.Int("dim")),
        ["var"] = (a, x) => a.Has("dim") ? Corrected(x[0], a, std: false) : x[0].var(),
        ["std"] = (a, x) => a.Has("dim") ? Corrected(x[0], a, std: true) : x[0].std(),
        ["logsumexp"] = (a, x) => x[0].logsumexp(a.Int("dim"), a.Bool("keepdim")),
        ["sum_dims"] = (a, x) => x[0].sum(Longs(a.Ints("dims")), a.Bool("keepdim")),
        ["mean_dims"] = (a, x) => x[0].mean(Longs(a.Ints("dims")), a.Bool("keepdim")),
        ["tril"] = (a, x) => x[0].tril(a.Int("diagonal")),
        ["triu"] = (a, x) => x[0].triu(a.Int("diagonal")),
        // joins (issue 11, part 4)
        ["cat"] = (a, x) => torch.cat(x, a.Int("dim")),
        ["stack"] = (a, x) => torch.stack(x, a.Int("dim")),
        ["repeat"] = (a, x) => x[0].repeat(Longs(a.Ints("repeats"))),
        ["pad"] = (a, x) => torch.nn.functional.pad(x[0], Longs(a.Ints("pad")), value: a.Double("value")),
        // index ops (issue 11, part 3)
        ["index_select"] = (a, x) => x[0].index_select(a.Int("dim"), x[1]),
        ["index_add"] = (a, x) => x[0].index_add(a.Int("dim"), x[1], x[2], 1.0),
        ["gather"] = (a, x) => x[0].gather(a.Int("dim"), x[1]),
        ["scatter_add"] = (a, x) => x[0].scatter_add(a.Int("dim"), x[1], x[2]),
        ["masked_select"] = (_, x) => x[0].masked_select(x[1]),
        // views, indexing, splits (issue 11, helper views)
        ["view"] = (a, x) => x[0].view(Longs(a.Ints("shape"))),
        ["permute"] = (a, x) => x[0].permute(Longs(a.Ints("dims"))),
        ["unsqueeze"] = (a, x) => x[0].unsqueeze(a.Int("dim")),
        ["squeeze"] = (a, x) => a.Has("dim") ? x[0].squeeze(a.Int("dim")) : x[0].squeeze(),
        ["expand_view"] = (a, x) => x[0].expand(Longs(a.Ints("shape"))),
        ["select"] = (a, x) => x[0].select(a.Int("dim"), a.Int("index")),
        ["narrow"] = (a, x) => x[0].narrow(a.Int("dim"), a.Int("start"), a.Int("length")),
        ["contiguous"] = (a, x) => x[0].transpose(0, -1).contiguous(),
        ["index"] = (a, x) => x[0][TorchIndex(a.String("index"))],
        ["flatten"] = (a, x) => x[0].flatten(a.Int("start_dim"), a.Int("end_dim")),
        // TorchSharp's unflatten refuses a negative dim (PyTorch's takes it): normalise it first.
        ["unflatten"] = (a, x) => x[0].unflatten(a.Int("dim") < 0 ? a.Int("dim") + x[0].Dimensions : a.Int("dim"), Longs(a.Ints("sizes"))),
        ["split"] = (a, x) => (a.Has("sizes") ? x[0].split(Longs(a.Ints("sizes")), a.Int("dim")) : x[0].split(a.Int("size"), a.Int("dim")))[a.Int("piece")],
        ["chunk"] = (a, x) => x[0].chunk(a.Int("chunks"), a.Int("dim"))[a.Int("piece")],
        // dtypes task: comparisons and selection.
        ["eq"] = (a, x) => a.Has("number") ? x[0].eq(a.Double("number")) : x[0].eq(x[1]),
        ["ne"] = (a, x) => a.Has("number") ? x[0].ne(a.Double("number")) : x[0].ne(x[1]),
        ["lt"] = (a, x) => a.Has("number") ? x[0].lt(a.Double("number")) : x[0].lt(x[1]),
        ["le"] = (a, x) => a.Has("number") ? x[0].le(a.Double("number")) : x[0].le(x[1]),
        ["gt"] = (a, x) => a.Has("number") ? x[0].gt(a.Double("number")) : x[0].gt(x[1]),
        ["ge"] = (a, x) => a.Has("number") ? x[0].ge(a.Double("number")) : x[0].ge(x[1]),
        ["where"] = (_, x) => torch.where(x[0], x[1], x[2]),
        ["masked_fill"] = (a, x) => x[0].masked_fill(x[1], a.Double("value")),
        ["max_all"] = (_, x) => x[0].max(),
        ["min_all"] = (_, x) => x[0].min(),
        ["min"] = (a, x) => x[0].min(a.Int("dim"), a.Bool("keepdim")).values,
        ["max_indices"] = (a, x) => x[0].max(a.Int("dim"), a.Bool("keepdim")).indexes,
        ["min_indices"] = (a, x) => x[0].min(a.Int("dim"), a.Bool("keepdim")).indexes,
        ["argmax"] = (a, x) => a.Has("dim") ? x[0].argmax(a.Int("dim"), a.Bool("keepdim")) : x[0].argmax(),
        ["argmin"] = (a, x) => a.Has("dim") ? x[0].argmin(a.Int("dim"), a.Bool("keepdim")) : x[0].argmin(),
        ["amax"] = (a, x) => x[0].amax(a.Ints("dims").Select(d => (long)d).ToArray(), a.Bool("keepdim")),
        ["amin"] = (a, x) => x[0].amin(a.Ints("dims").Select(d => (long)d).ToArray(), a.Bool("keepdim")),
        ["maximum"] = (_, x) => torch.maximum(x[0], x[1]),
        ["minimum"] = (_, x) => torch.minimum(x[0], x[1]),
        // activations for the next networks (issue 11, part 7)
        ["elu"] = (a, x) => torch.nn.functional.elu(x[0], a.Double("alpha")),
        ["selu"] = (_, x) => torch.nn.functional.selu(x[0]),
        ["silu"] = (_, x) => torch.nn.functional.silu(x[0]),
        ["mish"] = (_, x) => torch.nn.functional.mish(x[0]),
        ["relu6"] = (_, x) => torch.nn.functional.relu6(x[0]),
        ["hardtanh"] = (a, x) => Hardtanh(x[0], a.Double("min_val"), a.Double("max_val")),
        ["logsigmoid"] = (_, x) => torch.nn.functional.logsigmoid(x[0]),
        ["softsign"] = (_, x) => torch.nn.functional.softsign(x[0]),
        // matmul (issue 11, part 8): F.linear on [*, in] inputs, with or without a bias.
        ["linear"] = (_, x) => torch.nn.functional.linear(x[0], x[1], x.Length > 2 ? x[2] : null),
        // Convolution and pooling (issue 12, helper cnn): a third input is the bias; "*_hw" args are (height, width) pairs.
        ["conv1d"] = (a, x) => torch.nn.functional.conv1d(x[0], x[1], x.Length > 2 ? x[2] : null, a.Int("stride"), a.Int("padding"), a.Int("dilation"), a.Int("groups")),
        ["conv2d"] = (a, x) => torch.nn.functional.conv2d(x[0], x[1], x.Length > 2 ? x[2] : null,
            ConvPair(a, "stride"), ConvPair(a, "padding"), ConvPair(a, "dilation"), a.Int("groups")),
        ["max_pool1d"] = (a, x) => torch.nn.functional.max_pool1d(x[0], a.Int("kernel_size"), PoolStride(a), a.Int("padding")),
        ["max_pool2d"] = (a, x) => torch.nn.functional.max_pool2d(x[0], a.Int("kernel_size"), PoolStride(a), a.Int("padding")),
        ["avg_pool1d"] = (a, x) => torch.nn.functional.avg_pool1d(x[0], a.Int("kernel_size"), PoolStride(a), a.Int("padding")),
        ["avg_pool2d"] = (a, x) => torch.nn.functional.avg_pool2d(x[0], (long)a.Int("kernel_size"), PoolStride(a), a.Int("padding")),
        ["adaptive_avg_pool2d"] = (a, x) => torch.nn.functional.adaptive_avg_pool2d(x[0], (long)a.Int("output_size")),
        ["one_hot"] = (a, x) => torch.nn.functional.one_hot(x[0], a.Int("num_classes")),
        // TorchSharp has no F.embedding: index_select on the flattened indices, padding rows cut from the gradient
        // (the torch.nn.Embedding module itself is compared in EmbeddingParityTests; torch 1.13's F.embedding in the fixture).
        ["embedding"] = (a, x) => TorchEmbedding(x[0], x[1], a.Has("padding_idx") ? a.Int("padding_idx") : null),
        // Normalisation (issue 12): as OpCatalog's (running statistics cloned, then weight and bias if given).
        ["batch_norm"] = (a, x) =>
        {
            (torch.Tensor? mean, torch.Tensor? variance) = a.Bool("stats") ? (x[1].detach().clone(), x[2].detach().clone()) : (null, null);
            var (weight, bias) = OpCatalog.NormAffine(x[(a.Bool("stats") ? 3 : 1)..]);
            return torch.nn.functional.batch_norm(x[0], mean, variance, weight, bias, a.Bool("training"), a.Double("momentum"), a.Double("eps"));
        },
        ["group_norm"] = (a, x) =>
        {
            var (weight, bias) = OpCatalog.NormAffine(x[1..]);
            return torch.nn.functional.group_norm(x[0], a.Int("num_groups"), weight, bias, a.Double("eps"));
        },
        // Attention (issue 12, helper attention): TorchSharp's own scaled_dot_product_attention (libtorch 2.x).
        ["scaled_dot_product_attention"] = (a, x) => torch.nn.functional.scaled_dot_product_attention(x[0], x[1], x[2],
            x.Length > 3 ? x[3] : null, 0.0, a.Has("is_causal") && a.Bool("is_causal")),
    };

    /// <summary>The Python index expression of an <c>index</c> case (ints and slices without step) as TorchSharp's index entries.</summary>
    private static torch.TensorIndex[] TorchIndex(string text) => text.Split(',').Select(part =>
    {
        part = part.Trim();
        if (!part.Contains(':')) return torch.TensorIndex.Single(long.Parse(part, System.Globalization.CultureInfo.InvariantCulture));
        var ends = part.Split(':').Select(e => e.Trim()).ToArray();
        long? Bound(string s) => s.Length == 0 ? null : long.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        return torch.TensorIndex.Slice(Bound(ends[0]), Bound(ends[1]));
    }).ToArray();

    private static long[] ConvPair(OpArgs a, string name) =>
        a.Has(name + "_hw") ? Longs(a.Ints(name + "_hw")) : [a.Int(name), a.Int(name)];

    private static long? PoolStride(OpArgs a) => a.Has("stride") ? a.Int("stride") : null;

    /// <summary>Runs <paramref name="op"/> in TorchSharp; names the op when the catalog has no entry for it.</summary>
    public static torch.Tensor Apply(string op, OpArgs args, torch.Tensor[] inputs) =>
        Torch.TryGetValue(op, out var f) ? f(args, inputs)
            : throw new KeyNotFoundException($"TorchOpCatalog has no TorchSharp spelling for op '{op}': add one to tests/AutoNet.TorchParity.Tests/Support/TorchOpCatalog.cs.");

    private static long[] Longs(int[] shape) => shape.Select(d => (long)d).ToArray();

    /// <summary>
    /// PyTorch's hardtanh spelled with where: TorchSharp 0.107's <c>hardtanh</c> (functional, tensor method and
    /// module alike) returns its input unchanged (measured: hardtanh([-3, 3], -0.5, 0.5) gave [-3, 3]; its relu6,
    /// which is aten's hardtanh(0, 6), is right). x passes where PyTorch's hardtanh_backward lets the gradient
    /// through (not x ≤ min, not x ≥ max: NaN included), elsewhere the clamped value enters as a constant.
    /// </summary>
    private static torch.Tensor Hardtanh(torch.Tensor x, double min, double max) =>
        torch.where(x.le(min).logical_or(x.ge(max)).logical_not(), x, x.clamp(min, max).detach());

    /// <summary>PyTorch's <c>sum_to_size</c> as record_torch_ops.py spells it: sum the leading dims away, then keep a
    /// summed dim wherever the target has a 1.</summary>
    private static torch.Tensor TorchEmbedding(torch.Tensor indices, torch.Tensor weight, long? paddingIdx)
    {
        var flat = indices.reshape(-1);
        var rows = weight.index_select(0, flat);
        if (paddingIdx is long p)
            rows = torch.where(flat.eq(p < 0 ? p + weight.shape[0] : p).unsqueeze(1), rows.detach(), rows);
        return rows.reshape([.. indices.shape, weight.shape[1]]);
    }

    private static torch.Tensor SumTo(torch.Tensor t, int[] shape)
    {
        int lead = (int)t.Dimensions - shape.Length;
        if (lead > 0) t = t.sum(Enumerable.Range(0, lead).Select(d => (long)d).ToArray());
        var dims = Enumerable.Range(0, shape.Length).Where(i => shape[i] == 1 && t.shape[i] != 1).Select(d => (long)d).ToArray();
        return dims.Length > 0 ? t.sum(dims, keepdim: true) : t;
    }

    /// <summary>var/std along args "dim" with args "correction". TorchSharp takes only unbiased (correction 1 or 0):
    /// another correction c rescales the population variance by n / (n - c) (equal up to rounding).</summary>
    private static torch.Tensor Corrected(torch.Tensor t, OpArgs a, bool std)
    {
        int correction = a.Int("correction"), dim = a.Int("dim");
        bool keep = a.Bool("keepdim");
        if (correction is 0 or 1) return std ? t.std(dim, correction == 1, keep) : t.var(dim, correction == 1, keep);
        long n = t.Dimensions == 0 ? 1 : t.shape[dim < 0 ? dim + t.Dimensions : dim];
        var variance = t.var(dim, false, keep) * ((double)n / (n - correction));
        return std ? variance.sqrt() : variance;
    }

    private static Func<OpArgs, torch.Tensor[], torch.Tensor> Binary(Func<torch.Tensor, torch.Tensor, torch.Tensor> tensors,
        Func<torch.Tensor, double, torch.Tensor> numberRight, Func<double, torch.Tensor, torch.Tensor> numberLeft) =>
        (a, x) => !a.Has("number") ? tensors(x[0], x[1])
            : a.String("side") == "right" ? numberRight(x[0], a.Double("number")) : numberLeft(a.Double("number"), x[0]);
}
