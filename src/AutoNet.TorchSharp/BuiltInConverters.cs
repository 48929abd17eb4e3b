using AutoNet.Data;
using AutoNet.Nn;
using TorchSharp;
using TorchModules = TorchSharp.Modules;

namespace AutoNet.TorchSharp;

/// <summary>
/// The converters AutoNet ships, one entry per layer: containers (Sequential, ModuleList), Linear, the activations
/// (ReLU to GELU, and ELU, SELU, SiLU, Mish, ReLU6, Hardtanh, LogSigmoid, Softsign, Softplus),
/// Dropout, Flatten and Identity, the normalisation layers with their buffers (BatchNorm1d, BatchNorm2d, LayerNorm,
/// GroupNorm), convolution and pooling (BuiltInConverters.Conv.cs), and RNN, GRU and LSTM (BuiltInConverters.Recurrent.cs).
/// Each copies every setting that changes the output, and refuses (NotSupportedException) a TorchSharp setting that
/// AutoNet's layer does not have.
/// </summary>
internal static partial class BuiltInConverters
{
    public static IEnumerable<ModuleConverter> All()
    {
        yield return ModuleConverter.Create<Sequential, TorchModules.Sequential>(
            (m, child) => torch.nn.Sequential(m.NamedChildren().Select(c => (c.Name, child(c.Module)))),
            (m, child) => new Sequential(m.named_children().Select(c => child(c.module)).ToArray()));

        yield return ModuleConverter.CreateContainer<Nn.ModuleList, TorchModules.ModuleList<torch.nn.Module>>(
            (m, child) => Registered(torch.nn.ModuleList(m.Select(child).ToArray())),
            (m, child) => new Nn.ModuleList(Registered(m).Select(child)));

        yield return ModuleConverter.Create<Linear, TorchModules.Linear>(
            (m, _) => torch.nn.Linear(TorchParameter(m.Weight)!, TorchParameter(m.Bias)),
            (m, _) =>
            {
                var weight = m.weight!;
                // A throwaway generator: the initial values are overwritten, and Init.Generator must not advance.
                var linear = new Linear((int)m.in_features, (int)m.out_features, m.bias is not null,
                    weight.dtype.ToDType(), new NumPyRandomState(0));
                CopyInto(linear.Weight, weight);
                CopyInto(linear.Bias, m.bias);
                return linear;
            });

        yield return ModuleConverter.Create<ReLU, TorchModules.ReLU>((_, _) => torch.nn.ReLU(), (_, _) => new ReLU());
        yield return ModuleConverter.Create<Nn.Sigmoid, TorchModules.Sigmoid>((_, _) => torch.nn.Sigmoid(), (_, _) => new Nn.Sigmoid());
        yield return ModuleConverter.Create<Nn.Tanh, TorchModules.Tanh>((_, _) => torch.nn.Tanh(), (_, _) => new Nn.Tanh());
        yield return ModuleConverter.Create<Nn.LeakyReLU, TorchModules.LeakyReLU>(
            (m, _) => torch.nn.LeakyReLU(m.NegativeSlope, inplace: false), (m, _) => new Nn.LeakyReLU(m.negative_slope));
        yield return ModuleConverter.Create<Nn.GELU, TorchModules.GELU>(
            (m, _) => torch.nn.GELU(m.Approximate == "tanh" ? TorchModules.GELU.Approximate.tanh : TorchModules.GELU.Approximate.none, inplace: false),
            (m, _) => new Nn.GELU(m.approximate == TorchModules.GELU.Approximate.tanh ? "tanh" : "none"));
        yield return ModuleConverter.Create<Nn.Softmax, TorchModules.Softmax>(
            (m, _) => torch.nn.Softmax(m.Dim), (m, _) => new Nn.Softmax(checked((int)m.dim)));
        yield return ModuleConverter.Create<Nn.LogSoftmax, TorchModules.LogSoftmax>(
            (m, _) => torch.nn.LogSoftmax(m.Dim), (m, _) => new Nn.LogSoftmax(checked((int)m.dim)));
        yield return ModuleConverter.Create<Nn.Dropout, TorchModules.Dropout>(
            (m, _) => torch.nn.Dropout(m.P, inplace: false), (m, _) => new Nn.Dropout(m.p));
        yield return ModuleConverter.Create<Nn.Flatten, TorchModules.Flatten>(
            (m, _) => torch.nn.Flatten(m.StartDim, m.EndDim), (m, _) => new Nn.Flatten(checked((int)m.start_dim), checked((int)m.end_dim)));
        yield return ModuleConverter.Create<Nn.Identity, TorchModules.Identity>((_, _) => torch.nn.Identity(), (_, _) => new Nn.Identity());

        // The activations added for the next networks (issue 11, part 7).
        yield return ModuleConverter.Create<Nn.ELU, TorchModules.ELU>(
            (m, _) => torch.nn.ELU(m.Alpha, inplace: false), (m, _) => new Nn.ELU(m.alpha));
        yield return ModuleConverter.Create<Nn.SELU, TorchModules.SELU>((_, _) => torch.nn.SELU(inplace: false), (_, _) => new Nn.SELU());
        yield return ModuleConverter.Create<Nn.SiLU, TorchModules.SiLU>((_, _) => torch.nn.SiLU(inplace: false), (_, _) => new Nn.SiLU());
        yield return ModuleConverter.Create<Nn.Mish, TorchModules.Mish>((_, _) => torch.nn.Mish(inplace: false), (_, _) => new Nn.Mish());
        yield return ModuleConverter.Create<Nn.ReLU6, TorchModules.ReLU6>((_, _) => torch.nn.ReLU6(inplace: false), (_, _) => new Nn.ReLU6());
        yield return ModuleConverter.Create<Nn.Hardtanh, TorchModules.Hardtanh>(
            (m, _) => torch.nn.Hardtanh(m.MinVal, m.MaxVal, inplace: false), (m, _) => new Nn.Hardtanh(m.min_val, m.max_val));
        yield return ModuleConverter.Create<Nn.LogSigmoid, TorchModules.LogSigmoid>((_, _) => torch.nn.LogSigmoid(), (_, _) => new Nn.LogSigmoid());
        yield return ModuleConverter.Create<Nn.Softsign, TorchModules.Softsign>((_, _) => torch.nn.Softsign(inplace: false), (_, _) => new Nn.Softsign());
        yield return ModuleConverter.Create<Nn.Softplus, TorchModules.Softplus>(
            (m, _) => torch.nn.Softplus(m.Beta, m.Threshold), (m, _) => new Nn.Softplus(m.beta, m.threshold));

        yield return ModuleConverter.Create<BatchNorm1d, TorchModules.BatchNorm1d>(
            (m, _) => ExportBatchNorm(m, (c, eps, momentum, affine, track, st) => torch.nn.BatchNorm1d(c, eps, momentum, affine, track, dtype: st)),
            (m, _) => ImportBatchNorm(m, (c, eps, momentum, affine, track, dt) => new BatchNorm1d(c, eps, momentum, affine, track, dt)));
        yield return ModuleConverter.Create<BatchNorm2d, TorchModules.BatchNorm2d>(
            (m, _) => ExportBatchNorm(m, (c, eps, momentum, affine, track, st) => torch.nn.BatchNorm2d(c, eps, momentum, affine, track, dtype: st)),
            (m, _) => ImportBatchNorm(m, (c, eps, momentum, affine, track, dt) => new BatchNorm2d(c, eps, momentum, affine, track, dt)));
        yield return ModuleConverter.Create<LayerNorm, TorchModules.LayerNorm>(ExportLayerNorm, ImportLayerNorm);
        yield return ModuleConverter.Create<GroupNorm, TorchModules.GroupNorm>(ExportGroupNorm, ImportGroupNorm);
        foreach (var converter in ConvolutionAndPooling()) yield return converter;
        foreach (var converter in Lookup()) yield return converter;
        foreach (var converter in Recurrent()) yield return converter;
        foreach (var converter in Attention()) yield return converter;
    }

    /// <summary>A TorchSharp batch norm (1d or 2d, made by <paramref name="make"/>) holding <paramref name="m"/>'s settings, parameters and buffers.</summary>
    private static T ExportBatchNorm<T>(BatchNorm m, Func<long, double, double, bool, bool, torch.ScalarType, T> make) where T : TorchModules.BatchNorm
    {
        var dtype = (m.Weight ?? m.RunningMean)?.DType ?? DType.Float64;
        var bn = make(m.NumFeatures, m.Eps, m.Momentum ?? 0.1, m.Weight is not null, m.RunningMean is not null, dtype.ToScalarType());
        bn.momentum = m.Momentum; // null: a cumulative average, as in PyTorch
        CopyInto(bn.weight, m.Weight);
        CopyInto(bn.bias, m.Bias);
        CopyInto(bn.running_mean, m.RunningMean);
        CopyInto(bn.running_var, m.RunningVar);
        CopyInto(bn.num_batches_tracked, m.NumBatchesTracked); // float64 in AutoNet, int64 in PyTorch
        return bn;
    }

    /// <summary>An AutoNet batch norm (1d or 2d, made by <paramref name="make"/>) holding <paramref name="m"/>'s settings, parameters and buffers.</summary>
    private static T ImportBatchNorm<T>(TorchModules.BatchNorm m, Func<int, double, double?, bool, bool, DType, T> make) where T : BatchNorm
    {
        var dtype = (m.weight ?? m.running_mean)?.dtype.ToDType() ?? DType.Float64;
        var bn = make(checked((int)m.num_features), m.eps, m.momentum, m.affine, m.track_running_stats, dtype);
        CopyInto(bn.Weight, m.weight);
        CopyInto(bn.Bias, m.bias);
        CopyInto(bn.RunningMean, m.running_mean);
        CopyInto(bn.RunningVar, m.running_var);
        CopyInto(bn.NumBatchesTracked, m.num_batches_tracked);
        return bn;
    }

    private static TorchModules.GroupNorm ExportGroupNorm(GroupNorm m, Func<Module, torch.nn.Module<torch.Tensor, torch.Tensor>> _)
    {
        var gn = torch.nn.GroupNorm(m.NumGroups, m.NumChannels, m.Eps, m.Weight is not null, dtype: (m.Weight?.DType ?? DType.Float64).ToScalarType());
        CopyInto(gn.weight, m.Weight);
        CopyInto(gn.bias, m.Bias);
        return gn;
    }

    private static GroupNorm ImportGroupNorm(TorchModules.GroupNorm m, Func<torch.nn.Module, Module> _)
    {
        // TorchSharp 0.107's GroupNorm does not expose num_channels: the weight's length tells it.
        var weight = m.weight ?? throw new NotSupportedException(
            $"GroupNorm: a TorchSharp GroupNorm without affine ({m.num_groups} groups) does not say its number of channels; build AutoNet's GroupNorm directly.");
        var gn = new GroupNorm(checked((int)m.num_groups), checked((int)weight.shape[0]), m.eps, m.affine, weight.dtype.ToDType());
        CopyInto(gn.Weight, m.weight);
        CopyInto(gn.Bias, m.bias);
        return gn;
    }

    private static TorchModules.LayerNorm ExportLayerNorm(LayerNorm m, Func<Module, torch.nn.Module<torch.Tensor, torch.Tensor>> _)
    {
        var dtype = m.Weight?.DType ?? DType.Float64;
        var ln = torch.nn.LayerNorm(m.NormalizedShape.Select(d => (long)d).ToArray(), m.Eps, elementwise_affine: m.Weight is not null,
            bias: m.Bias is not null, dtype: dtype.ToScalarType());
        CopyInto(ln.weight, m.Weight);
        CopyInto(ln.bias, m.Bias);
        return ln;
    }

    private static LayerNorm ImportLayerNorm(TorchModules.LayerNorm m, Func<torch.nn.Module, Module> _)
    {
        if (m.weight is not null && m.bias is null)
            throw new NotSupportedException(
                "ModuleConversion: a TorchSharp LayerNorm with a weight but bias=false has no AutoNet equivalent; AutoNet's LayerNorm has both or neither.");
        var shape = m.normalized_shape.Select(d => checked((int)d)).ToArray();
        var ln = new LayerNorm(shape, m.eps, m.weight is not null, m.weight?.dtype.ToDType() ?? DType.Float64);
        CopyInto(ln.Weight, m.weight);
        CopyInto(ln.Bias, m.bias);
        return ln;
    }

    /// <summary>
    /// TorchSharp's ModuleList registers its modules (so that they appear in <c>named_children</c>,
    /// <c>named_parameters</c> and <c>state_dict</c>) only when the module holding it calls its protected
    /// <c>RegisterComponents</c>; a list on its own would show no parameters. PyTorch's ModuleList registers them at
    /// once, so this does the same by calling that method (it runs once per list; later calls do nothing).
    /// </summary>
    private static TorchModules.ModuleList<torch.nn.Module> Registered(TorchModules.ModuleList<torch.nn.Module> list)
    {
        var register = typeof(torch.nn.Module).GetMethod("RegisterComponents", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic, Type.EmptyTypes)
            ?? throw new NotSupportedException("ModuleConversion: this TorchSharp version has no Module.RegisterComponents; a ModuleList cannot be registered.");
        register.Invoke(list, null);
        return list;
    }

    private static TorchModules.Parameter? TorchParameter(Parameter? p) =>
        p is null ? null : new TorchModules.Parameter(p.ToTorch(), p.RequiresGrad);

    /// <summary>Copies an AutoNet tensor's values into a TorchSharp parameter or buffer (converting the dtype), and
    /// a parameter's requires_grad.</summary>
    private static void CopyInto(torch.Tensor? target, Tensor? source)
    {
        if (target is null || source is null) return;
        using (torch.NewDisposeScope())
        using (torch.no_grad())
            target.copy_(source.ToTorch());
        if (source is Parameter) target.requires_grad = source.RequiresGrad;
    }

    /// <summary>Copies a TorchSharp tensor's values into an AutoNet parameter or buffer (converting the dtype), and
    /// a parameter's requires_grad.</summary>
    private static void CopyInto(Tensor? target, torch.Tensor? source)
    {
        if (target is null || source is null) return;
        Tensor values;
        using (torch.NewDisposeScope()) values = source.to_type(target.DType.ToScalarType()).ToAutoNet();
        using (Autograd.NoGrad()) target.CopyFrom(values);
        if (target is Parameter) target.RequiresGrad = source.requires_grad;
    }
}
