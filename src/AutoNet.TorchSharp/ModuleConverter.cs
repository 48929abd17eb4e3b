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
    private readonly Func<Module, Func<Module, torch.nn.Module<torch.Tensor, torch.Tensor>>, torch.nn.Module<torch.Tensor, torch.Tensor>> _toTorch;
    private readonly Func<torch.nn.Module, Func<torch.nn.Module, Module>, Module> _toAutoNet;

    private ModuleConverter(Type autoNetType, Type torchType,
        Func<Module, Func<Module, torch.nn.Module<torch.Tensor, torch.Tensor>>, torch.nn.Module<torch.Tensor, torch.Tensor>> toTorch,
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
    /// Makes a converter between <typeparamref name="TAutoNet"/> and <typeparamref name="TTorch"/>. Each function
    /// receives the module to convert and a function that converts a child module (for containers).
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
            (m, child) => toTorch((TAutoNet)m, child),
            (m, child) => toAutoNet((TTorch)m, child));
    }

    /// <summary>Converts an AutoNet module of <see cref="AutoNetType"/> to TorchSharp.</summary>
    internal torch.nn.Module<torch.Tensor, torch.Tensor> ToTorch(Module module, Func<Module, torch.nn.Module<torch.Tensor, torch.Tensor>> convertChild) =>
        _toTorch(module, convertChild);

    /// <summary>Converts a TorchSharp module of <see cref="TorchType"/> to AutoNet.</summary>
    internal Module ToAutoNet(torch.nn.Module module, Func<torch.nn.Module, Module> convertChild) =>
        _toAutoNet(module, convertChild);
}
