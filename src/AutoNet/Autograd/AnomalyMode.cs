using AutoNet.Internal;

namespace AutoNet;

/// <summary>
/// Diagnostics recorded in forward, per logical thread like grad mode: anomaly detection (the first NaN or
/// infinity produced by an op's forward or a node's backward throws at once, naming the op; PyTorch:
/// <c>torch.autograd.detect_anomaly</c>) and creation sites (each node remembers where in the user's code it was
/// made, for error messages and backward traces). Both share one flag word, so an op pays one read when both are off.
/// </summary>
internal static class AnomalyMode
{
    /// <summary>Flag: check every forward output and backward gradient for NaN and infinity.</summary>
    public const int Detect = 1;

    /// <summary>Flag: record each node's creation site.</summary>
    public const int CreationSites = 2;

    private static readonly AsyncLocal<int> Flags = new();

    /// <summary>The flags in force on this thread (0 when nothing is recorded).</summary>
    public static int Current => Flags.Value;

    /// <summary>True inside an <see cref="Autograd.DetectAnomaly"/> scope.</summary>
    public static bool IsEnabled => (Flags.Value & Detect) != 0;

    /// <summary>Turns <paramref name="flag"/> on and returns a scope that restores the previous flags.</summary>
    public static IDisposable Set(int flag)
    {
        int previous = Flags.Value;
        Flags.Value = previous | flag;
        return new Restore(previous);
    }

    /// <summary>Throws if the forward output of <paramref name="node"/> holds a NaN or an infinity.</summary>
    public static void CheckForward(Node node, Tensor output)
    {
        int bad = FirstNonFinite(output);
        if (bad >= 0)
            throw new ArithmeticException(
                $"DetectAnomaly: {node.Name}{Where(node)} produced {output.GetFlat(bad)} at flat index {bad} of its output of shape {ShapeUtil.Format(output.ShapeArray)} in forward.");
    }

    /// <summary>The first stack frame outside AutoNet, as <c>File.cs:line in Method</c> (file and line need the PDB).</summary>
    public static string? CallerLocation()
    {
        var frames = new System.Diagnostics.StackTrace(1, fNeedFileInfo: true).GetFrames();
        var self = typeof(AnomalyMode).Assembly;
        foreach (var frame in frames)
        {
            var method = frame.GetMethod();
            if (method?.DeclaringType is null || method.DeclaringType.Assembly == self) continue;
            string? file = frame.GetFileName();
            string where = file is null ? method.DeclaringType.Name : $"{Path.GetFileName(file)}:{frame.GetFileLineNumber()}";
            return $"{where} in {method.Name}";
        }
        return null;
    }

    private static string Where(Node node) => node.CreatedAt is null ? "" : $" (created at {node.CreatedAt})";

    /// <summary>Throws if a gradient computed by <paramref name="node"/>'s backward holds a NaN or an infinity.</summary>
    public static void CheckBackward(Node node, Tensor?[] grads)
    {
        for (int i = 0; i < grads.Length; i++)
        {
            if (grads[i] is not { } g) continue;
            int bad = FirstNonFinite(g);
            if (bad >= 0)
                throw new ArithmeticException(
                    $"DetectAnomaly: the backward of {node.Name}{Where(node)} produced {g.GetFlat(bad)} at flat index {bad} of the gradient of its input {i} (shape {ShapeUtil.Format(g.ShapeArray)}).");
        }
    }

    private static int FirstNonFinite(Tensor t)
    {
        t = Ops.Contiguous.Values(t);
        if (t.DType == DType.Float32)
        {
            var s = t.Span<float>();
            for (int i = 0; i < s.Length; i++) if (!float.IsFinite(s[i])) return i;
        }
        else
        {
            var s = t.Span<double>();
            for (int i = 0; i < s.Length; i++) if (!double.IsFinite(s[i])) return i;
        }
        return -1;
    }

    private sealed class Restore(int previous) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            Flags.Value = previous;
        }
    }
}
