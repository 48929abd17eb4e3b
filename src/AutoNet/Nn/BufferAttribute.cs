namespace AutoNet.Nn;

/// <summary>
/// Marks a <see cref="Tensor"/> field of a <see cref="Module"/> as a buffer: state that is saved with the module
/// (listed by <see cref="Module.NamedBuffers"/>, e.g. <c>running_mean</c>) but is not a parameter, so no optimiser
/// trains it. On an auto-property write <c>[field: Buffer]</c>. The name follows the parameter rule
/// (<c>RunningMean</c> → <c>runningMean</c>) unless given, as PyTorch's state_dict keys need
/// (<c>[field: Buffer("running_mean")]</c>). A null field is skipped, as PyTorch skips a buffer registered as None.
/// PyTorch: <c>register_buffer</c>.
/// </summary>
/// <param name="name">The buffer's name in <see cref="Module.NamedBuffers"/>, or null for the field-derived name.</param>
[AttributeUsage(AttributeTargets.Field, Inherited = false)]
public sealed class BufferAttribute(string? name = null) : Attribute
{
    /// <summary>The explicit name, or null to derive it from the field.</summary>
    public string? Name { get; } = name;
}
