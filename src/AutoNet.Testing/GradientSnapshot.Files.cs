using AutoNet.Serialization;

namespace AutoNet.Testing;

/// <summary>Saving a snapshot to, and loading it from, a safetensors file.</summary>
public sealed partial class GradientSnapshot
{
    /// <summary>
    /// Writes the snapshot to a safetensors file (atomically, with <see cref="SafeTensors.Save"/>): one tensor per
    /// gradient, under the names of <see cref="Gradients"/> and in their dtypes, and the <see cref="Metadata"/>
    /// (producer, dtype, loss) in the header. Python reads it with <c>safetensors.torch.load_file</c>, or with
    /// <c>read_safetensors</c> of <c>tools/record_torch_gradients.py</c>.
    /// </summary>
    /// <param name="path">The file to create or replace, by convention ending in <c>.safetensors</c>.</param>
    /// <exception cref="IOException">The file cannot be written (an existing file is then unchanged).</exception>
    public void Save(string path) => SafeTensors.Save(path, Gradients, Metadata);

    /// <summary>
    /// Reads a snapshot written by <see cref="Save"/> or by <c>tools/record_torch_gradients.py</c>. The file is
    /// read by <see cref="SafeTensors.Load(string, out IReadOnlyDictionary{string, string})"/>, which checks every
    /// size and offset first: a truncated, corrupted or hostile file raises its <see cref="InvalidDataException"/>
    /// naming the problem. A valid safetensors file that is not a snapshot (its metadata lacks the format marker,
    /// the dtype or the loss) is refused the same way.
    /// </summary>
    /// <param name="path">The file to read.</param>
    /// <returns>The snapshot, with the file's metadata.</returns>
    /// <exception cref="InvalidDataException">The file is not a valid safetensors file, or not a gradient snapshot.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static GradientSnapshot Load(string path)
    {
        var tensors = SafeTensors.Load(path, out var metadata);
        string Require(string key, string expected) => metadata.TryGetValue(key, out var value) ? value
            : throw NotASnapshot(path, $"its metadata has no '{key}' (expected {expected})");

        string format = Require(MetadataKeys.Format, $"'{MetadataKeys.FormatName}'");
        if (format != MetadataKeys.FormatName)
            throw NotASnapshot(path, $"its metadata says format '{format}'; expected '{MetadataKeys.FormatName}'");
        string dtypeText = Require(MetadataKeys.DType, "float64 or float32");
        var dtype = MetadataKeys.ParseDType(dtypeText) ?? throw NotASnapshot(path, $"its metadata gives dtype '{dtypeText}'; expected float64 or float32");
        string lossText = Require(MetadataKeys.Loss, "the loss as a number");
        double loss = MetadataKeys.ParseLoss(lossText) ?? throw NotASnapshot(path, $"its metadata gives loss '{lossText}', which is not a number");
        return new GradientSnapshot(loss, dtype, tensors, metadata);
    }

    private static InvalidDataException NotASnapshot(string path, string problem) =>
        new($"GradientSnapshot.Load: '{path}' is a safetensors file but not a gradient snapshot: {problem}. " +
            "Snapshots are written by GradientSnapshot.Save and tools/record_torch_gradients.py.");
}
