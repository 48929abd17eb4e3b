using AutoNet.Nn;
using TorchSharp;

namespace AutoNet.TorchSharp;

/// <summary>
/// Converts one kind of layer between AutoNet and TorchSharp: an AutoNet module type, the TorchSharp module type
/// it corresponds to, and a function each way. Containers convert their children with the <c>convertChild</c>
/// function they are given. Register new ones with <see cref="ModuleConverters.Register"/>.
/// </summary>
public sealed class ModuleConverter
{
    private readonly Func<Module, Func<Module, torch.nn.Module>, torch.nn.Module> _toTorch;
    private readonly Func<torch.nn.Module, Func<torch.nn.Module, Module>, Module> _toAutoNet;

    private ModuleConverter(Type autoNetType, Type torchType,
        Func<Module, Func<Module, torch.nn.Module>, torch.nn.Module> toTorch,
        Func<torch.nn.Module, Func<torch.nn.Module, Module>, Module> toAutoNet)
    {
        AutoNetType = autoNetType;
        TorchType = torchType;
        _toTorch = toTorch;
        _toAutoNet = toAutoNet;
    }

    /// <summary>The AutoNet module type converted (matched exactly, not by subclass).</summary>
    public Type AutoNetType { get; }

    /// <summary>The TorchSharp module type converted (matched exactly, not by subclass).</summary>
    public Type TorchType { get; }

    /// <summary>
    /// Makes a converter between <typeparamref name="TAutoNet"/> and <typeparamref name="TTorch"/>, a TorchSharp module
    /// with a <c>forward(Tensor)</c>. Each function receives the module to convert and a function that converts a child
    /// module (for containers such as Sequential, whose children must have a forward too).
    /// </summary>
    /// <param name="toTorch">AutoNet → TorchSharp: builds the TorchSharp module with the same parameter values.</param>
    /// <param name="toAutoNet">TorchSharp → AutoNet: builds the AutoNet module with the same parameter values.</param>
    public static ModuleConverter Create<TAutoNet, TTorch>(
        Func<TAutoNet, Func<Module, torch.nn.Module<torch.Tensor, torch.Tensor>>, TTorch> toTorch,
        Func<TTorch, Func<torch.nn.Module, Module>, TAutoNet> toAutoNet)
        where TAutoNet : Module
        where TTorch : torch.nn.Module<torch.Tensor, torch.Tensor>
    {
        ArgumentNullException.ThrowIfNull(toTorch);
        ArgumentNullException.ThrowIfNull(toAutoNet);
        return new ModuleConverter(typeof(TAutoNet), typeof(TTorch),
            (m, child) => toTorch((TAutoNet)m, c => WithForward(child(c), c, m)),
            (m, child) => toAutoNet((TTorch)m, child));
    }

    /// <summary>
    /// Makes a converter for a container without a forward of its own, such as ModuleList ↔ <c>torch.nn.ModuleList</c>,
    /// or for a layer whose TorchSharp forward takes more than one tensor (RNN, GRU, LSTM take a state):
    /// <typeparamref name="TTorch"/> need only be a <c>torch.nn.Module</c>, and children may be any module. Such a
    /// module converts with <see cref="ModuleConversion.ToTorchModule"/> (not <see cref="ModuleConversion.ToTorch"/>,
    /// which returns a module with a forward).
    /// </summary>
    /// <param name="toTorch">AutoNet → TorchSharp.</param>
    /// <param name="toAutoNet">TorchSharp → AutoNet.</param>
    public static ModuleConverter CreateContainer<TAutoNet, TTorch>(
        Func<TAutoNet, Func<Module, torch.nn.Module>, TTorch> toTorch,
        Func<TTorch, Func<torch.nn.Module, Module>, TAutoNet> toAutoNet)
        where TAutoNet : Module
        where TTorch : torch.nn.Module
    {
        ArgumentNullException.ThrowIfNull(toTorch);
        ArgumentNullException.ThrowIfNull(toAutoNet);
        return new ModuleConverter(typeof(TAutoNet), typeof(TTorch),
            (m, child) => toTorch((TAutoNet)m, child),
            (m, child) => toAutoNet((TTorch)m, child));
    }

    /// <summary>Converts an AutoNet module of <see cref="AutoNetType"/> to TorchSharp.</summary>
    internal torch.nn.Module ToTorch(Module module, Func<Module, torch.nn.Module> convertChild) => _toTorch(module, convertChild);

    /// <summary>Converts a TorchSharp module of <see cref="TorchType"/> to AutoNet.</summary>
    internal Module ToAutoNet(torch.nn.Module module, Func<torch.nn.Module, Module> convertChild) => _toAutoNet(module, convertChild);

    private static torch.nn.Module<torch.Tensor, torch.Tensor> WithForward(torch.nn.Module converted, Module child, Module parent) =>
        converted as torch.nn.Module<torch.Tensor, torch.Tensor> ?? throw new NotSupportedException(
            $"ModuleConversion: {parent.GetType().Name} holds a {child.GetType().Name}, which converts to {converted.GetType().Name}, " +
            $"a TorchSharp module without forward(Tensor); a {parent.GetType().Name} can only hold modules with a forward.");
}
