namespace AutoNet.TorchParity.Tests.Support;

/// <summary>AutoNet enums as TorchSharp's.</summary>
public static class TorchEnums
{
    /// <summary>The TorchSharp reduction of an AutoNet one.</summary>
    public static global::TorchSharp.torch.nn.Reduction ToTorch(this Reduction reduction) => reduction switch
    {
        Reduction.Mean => global::TorchSharp.torch.nn.Reduction.Mean,
        Reduction.Sum => global::TorchSharp.torch.nn.Reduction.Sum,
        _ => global::TorchSharp.torch.nn.Reduction.None,
    };
}
