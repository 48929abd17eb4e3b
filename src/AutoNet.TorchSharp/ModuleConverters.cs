using AutoNet.Nn;
using TorchSharp;

namespace AutoNet.TorchSharp;

/// <summary>
/// The table of layers that <see cref="ModuleConversion"/> can convert. This is the one place where a layer is
/// added: one <see cref="ModuleConverter.Create{TAutoNet, TTorch}"/> entry in <c>BuiltInConverters</c> (or a call to
/// <see cref="Register"/> from user code for a user's own layer). Built in: Sequential, ModuleList, Linear, ReLU,
/// Sigmoid, Tanh, LeakyReLU, GELU, Softmax, LogSoftmax, Dropout, BatchNorm1d, BatchNorm2d, LayerNorm, GroupNorm, Flatten, Identity.
/// </summary>
public static class ModuleConverters
{
    private static readonly object Gate = new();
    private static List<ModuleConverter> _converters = [.. BuiltInConverters.All()];

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
