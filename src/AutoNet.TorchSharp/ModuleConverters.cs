using AutoNet.Data;
using AutoNet.Nn;
using TorchSharp;
using TorchModules = TorchSharp.Modules;

namespace AutoNet.TorchSharp;

/// <summary>
/// The table of layers that <see cref="ModuleConversion"/> can convert. This is the one place where a layer is
/// added: one <see cref="ModuleConverter.Create{TAutoNet, TTorch}"/> entry in <see cref="BuiltIn"/> (or a call to
/// <see cref="Register"/> from user code for a user's own layer).
/// </summary>
public static class ModuleConverters
{
    private static readonly object Gate = new();
    private static List<ModuleConverter> _converters = [.. BuiltIn()];

    /// <summary>The converters AutoNet ships: Sequential, Linear, ReLU, Sigmoid, Tanh.</summary>
    private static IEnumerable<ModuleConverter> BuiltIn()
    {
        yield return ModuleConverter.Create<Sequential, TorchModules.Sequential>(
            (m, child) => torch.nn.Sequential(m.NamedChildren().Select(c => (c.Name, child(c.Module)))),
            (m, child) => new Sequential(m.named_children().Select(c => child(c.module)).ToArray()));

        yield return ModuleConverter.Create<Linear, TorchModules.Linear>(
            (m, _) => torch.nn.Linear(
                new TorchModules.Parameter(m.Weight.ToTorch(), m.Weight.RequiresGrad),
                m.Bias is null ? null : new TorchModules.Parameter(m.Bias.ToTorch(), m.Bias.RequiresGrad)),
            (m, _) =>
            {
                var weight = m.weight!;
                var bias = m.bias;
                // A throwaway generator: the initial values are overwritten, and Init.Generator must not advance.
                var linear = new Linear((int)m.in_features, (int)m.out_features, bias is not null,
                    weight.dtype.ToDType(), new NumPyRandomState(0));
                using (Autograd.NoGrad())
                {
                    linear.Weight.CopyFrom(weight.ToAutoNet());
                    linear.Bias?.CopyFrom(bias!.ToAutoNet());
                }
                linear.Weight.RequiresGrad = weight.requires_grad;
                if (linear.Bias is not null) linear.Bias.RequiresGrad = bias!.requires_grad;
                return linear;
            });

        yield return ModuleConverter.Create<ReLU, TorchModules.ReLU>((_, _) => torch.nn.ReLU(), (_, _) => new ReLU());
        yield return ModuleConverter.Create<Nn.Sigmoid, TorchModules.Sigmoid>((_, _) => torch.nn.Sigmoid(), (_, _) => new Nn.Sigmoid());
        yield return ModuleConverter.Create<Nn.Tanh, TorchModules.Tanh>((_, _) => torch.nn.Tanh(), (_, _) => new Nn.Tanh());
    }

    /// <summary>Every registered converter, built-in ones first.</summary>
    public static IReadOnlyList<ModuleConverter> All
    {
        get
        {
            lock (Gate) return _converters.ToArray();
        }
    }

    /// <summary>
    /// Adds a converter (for a user's own layer). A converter for an AutoNet type or TorchSharp type that is already
    /// registered replaces the old one.
    /// </summary>
    /// <param name="converter">The converter, made with <see cref="ModuleConverter.Create{TAutoNet, TTorch}"/>.</param>
    public static void Register(ModuleConverter converter)
    {
        ArgumentNullException.ThrowIfNull(converter);
        lock (Gate)
        {
            var next = _converters.Where(c => c.AutoNetType != converter.AutoNetType && c.TorchType != converter.TorchType).ToList();
            next.Add(converter);
            _converters = next;
        }
    }

    /// <summary>The converter for an AutoNet module's exact type.</summary>
    /// <exception cref="NotSupportedException">No converter is registered for it.</exception>
    internal static ModuleConverter ForAutoNet(Module module) =>
        All.FirstOrDefault(c => c.AutoNetType == module.GetType())
        ?? throw new NotSupportedException(
            $"ModuleConversion: no converter for the AutoNet module type {module.GetType().FullName}. Supported: " +
            $"{string.Join(", ", All.Select(c => c.AutoNetType.Name))}. Add one with ModuleConverters.Register(ModuleConverter.Create<...>(...)).");

    /// <summary>The converter for a TorchSharp module's exact type.</summary>
    /// <exception cref="NotSupportedException">No converter is registered for it.</exception>
    internal static ModuleConverter ForTorch(torch.nn.Module module) =>
        All.FirstOrDefault(c => c.TorchType == module.GetType())
        ?? throw new NotSupportedException(
            $"ModuleConversion: no converter for the TorchSharp module type {module.GetType().FullName}. Supported: " +
            $"{string.Join(", ", All.Select(c => c.TorchType.Name))}. Add one with ModuleConverters.Register(ModuleConverter.Create<...>(...)).");
}
