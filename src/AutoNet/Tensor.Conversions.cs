using AutoNet.Internal;

namespace AutoNet;

public partial class Tensor
{
    /// <summary>The single value of a one-element tensor, as a double (an Int64 value is converted, exactly up to
    /// 2^53; a Bool gives 1 or 0). PyTorch: <c>item()</c>.</summary>
    /// <exception cref="InvalidOperationException">The tensor has more or fewer than one element.</exception>
    public double Item()
    {
        CheckOneElement("Item");
        return GetFlat(0);
    }

    /// <summary>The single value of a one-element Int64 or Bool tensor, exactly, as a <c>long</c>. PyTorch: <c>item()</c>
    /// on an integer tensor.</summary>
    /// <exception cref="InvalidOperationException">The tensor has more or fewer than one element, or is a floating-point tensor.</exception>
    public long ItemInt64()
    {
        CheckOneElement("ItemInt64");
        return ToInt64Array()[0];
    }

    private void CheckOneElement(string op)
    {
        if (Count != 1)
            throw new InvalidOperationException(
                $"{op}: only a tensor with exactly one element can be converted to a number; this one has shape {ShapeUtil.Format(ShapeArray)} ({Count} elements).");
    }

    /// <summary>A row-major copy of the elements as <c>double[]</c> (float32 values are widened exactly; int64 values
    /// are converted, exactly up to 2^53; bools give 1 and 0). PyTorch: <c>tolist()</c> on a flattened tensor.</summary>
    public double[] ToArray()
    {
        if (DType == DType.Float64) return (double[])Data<double>().Clone();
        var result = new double[Count];
        for (int i = 0; i < result.Length; i++) result[i] = GetFlat(i);
        return result;
    }

    /// <summary>A row-major copy of the elements as <c>float[]</c> (float64 and int64 values are rounded to nearest;
    /// bools give 1 and 0).</summary>
    public float[] ToFloatArray()
    {
        if (DType == DType.Float32) return (float[])Data<float>().Clone();
        var result = new float[Count];
        for (int i = 0; i < result.Length; i++) result[i] = DType == DType.Int64 ? Data<long>()[i] : (float)GetFlat(i);
        return result;
    }

    /// <summary>A row-major copy of the elements of an Int64 or Bool tensor as <c>long[]</c> (bools give 1 and 0).
    /// PyTorch: <c>tolist()</c> on a flattened integer tensor.</summary>
    /// <exception cref="InvalidOperationException">The tensor is Float64 or Float32: convert it with
    /// <c>To(DType.Int64)</c> first, which truncates toward zero, to say so explicitly.</exception>
    public long[] ToInt64Array() => DType switch
    {
        DType.Int64 => (long[])Data<long>().Clone(),
        DType.Bool => Array.ConvertAll(Data<bool>(), b => b ? 1L : 0L),
        _ => throw new InvalidOperationException(
            $"ToInt64Array: this is a {DType.Name()} tensor; convert it with To(DType.Int64) (which truncates toward zero) to read it as integers."),
    };

    /// <summary>A row-major copy of the elements of a Bool tensor as <c>bool[]</c>. PyTorch: <c>tolist()</c> on a
    /// flattened bool tensor.</summary>
    /// <exception cref="InvalidOperationException">The tensor is not Bool: convert it with <c>To(DType.Bool)</c>
    /// (nonzero gives true) first.</exception>
    public bool[] ToBoolArray() => DType == DType.Bool
        ? (bool[])Data<bool>().Clone()
        : throw new InvalidOperationException(
            $"ToBoolArray: this is a {DType.Name()} tensor; convert it with To(DType.Bool) (nonzero gives true) to read it as bools.");

    /// <summary>Reads the element at a row-major flat index as a double, whatever the dtype (for tests, printing,
    /// small loops).</summary>
    internal double GetFlat(int index) => DType switch
    {
        DType.Float32 => Data<float>()[index],
        DType.Int64 => Data<long>()[index],
        DType.Bool => Data<bool>()[index] ? 1 : 0,
        _ => Data<double>()[index],
    };
}
