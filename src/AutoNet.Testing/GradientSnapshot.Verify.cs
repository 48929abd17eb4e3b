using AutoNet.Nn;

namespace AutoNet.Testing;

/// <summary>Snapshot testing: compare with a golden file, create it when missing, leave a received file on failure.</summary>
public sealed partial class GradientSnapshot
{
    /// <summary>The suffix of the file <see cref="Verify"/> writes beside a failing golden: <c>moons.safetensors</c>
    /// gets <c>moons.received.safetensors</c>.</summary>
    public const string ReceivedSuffix = ".received.safetensors";

    /// <summary>
    /// Captures the model's gradients (<see cref="Capture"/>) and checks them against the golden file at
    /// <paramref name="path"/>, as snapshot-testing tools do:
    /// <list type="bullet">
    /// <item>no file there: writes the captured snapshot to <paramref name="path"/> and returns a result that does
    /// not pass (<see cref="SnapshotComparison.Created"/>), saying that the new golden must be reviewed and committed
    /// (or, better, replaced by one recorded with PyTorch by <c>tools/record_torch_gradients.py</c>);</item>
    /// <item>otherwise: compares with <see cref="Compare"/> at the default tolerances. On failure the captured
    /// snapshot is written beside the golden as <c>&lt;name&gt;.received.safetensors</c>, for diffing; on success
    /// a received file left by an earlier failure is removed.</item>
    /// </list>
    /// </summary>
    /// <param name="path">The golden file, e.g. <c>Goldens/moons.safetensors</c> in the test project's source folder.</param>
    /// <param name="model">The model whose gradients are checked.</param>
    /// <param name="loss">Computes the loss from the model (and the inputs); called once.</param>
    /// <param name="inputs">Leaf tensors whose gradients are checked too, as <c>input.&lt;name&gt;</c> (see <see cref="Capture"/>).</param>
    /// <returns>The comparison, or a non-passing result that says the golden was created.</returns>
    /// <exception cref="InvalidDataException">The golden exists but is not a valid snapshot file (the message says why).</exception>
    public static SnapshotComparison Verify(string path, Module model, Func<Tensor> loss, IReadOnlyDictionary<string, Tensor>? inputs = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string received = ReceivedPath(path);
        if (!File.Exists(path))
        {
            var created = Capture(model, loss, inputs);
            string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null) Directory.CreateDirectory(directory);
            created.Save(path);
            return new SnapshotComparison($"GradientSnapshot.Verify '{path}'", [],
                $"No golden existed, so it was created from AutoNet's own gradients ({created.Gradients.Count} gradients, loss {MetadataKeys.FormatLoss(created.Loss)}). " +
                "Review it and commit it, or better replace it by one recorded with PyTorch (tools/record_torch_gradients.py); the next run compares against it.",
                created: true);
        }

        var expected = Load(path);
        var actual = Capture(model, loss, inputs);
        var comparisons = SnapshotComparer.Compare(expected, actual, null, null);
        bool passed = comparisons.All(c => c.Passed);
        string? note = null;
        if (!passed)
        {
            actual.Save(received);
            note = $"Wrote the actual gradients to '{received}' for diffing; if the change is intended, record the golden again (or replace it by that file) and commit it.";
        }
        else if (File.Exists(received))
        {
            File.Delete(received);
            note = $"Removed '{received}' left by an earlier failure.";
        }
        return new SnapshotComparison(Title($"GradientSnapshot.Verify '{path}'", expected, actual), comparisons, note);
    }

    /// <summary>The received file of a golden: <c>dir/moons.safetensors</c> → <c>dir/moons.received.safetensors</c>.</summary>
    internal static string ReceivedPath(string path)
    {
        string name = Path.GetFileName(path);
        string stem = name.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase) ? name[..^".safetensors".Length] : name;
        return Path.Combine(Path.GetDirectoryName(path) ?? "", stem + ReceivedSuffix);
    }
}
