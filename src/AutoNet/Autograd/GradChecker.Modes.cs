using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet;

/// <summary>The full-Jacobian and the random-direction comparisons.</summary>
internal sealed partial class GradChecker
{
    private void RunFull(string[] labels)
    {
        int outTotal = _outShapes.Sum(ShapeCount);
        // numerical[i][r * n_i + k] = ∂(output element r) / ∂(input i element k), by central differences.
        var numerical = new double[_x.Length][];
        for (int i = 0; i < _x.Length; i++)
        {
            var x = _x[i].Data<double>();
            int n = x.Length;
            var column = numerical[i] = new double[outTotal * n];
            for (int k = 0; k < n; k++)
            {
                double original = x[k];
                x[k] = original + _eps;
                var plus = Values();
                x[k] = original - _eps;
                var minus = Values();
                x[k] = original;
                for (int r = 0; r < outTotal; r++) column[r * n + k] = (plus[r] - minus[r]) / (2 * _eps);
            }
        }

        // analytical: one backward pass per output element, seeded with a one-hot gradient.
        var analytical = _x.Select(t => new double[outTotal * t.Count]).ToArray();
        var outputs = Evaluate();
        for (int o = 0, offset = 0; o < outputs.Length; offset += outputs[o].Count, o++)
        {
            if (!outputs[o].RequiresGrad) continue; // a constant output: its analytical gradient is 0
            for (int j = 0; j < outputs[o].Count; j++)
            {
                var seed = Tensor.Zeros(outputs[o].ShapeArray, outputs[o].DType);
                if (seed.DType == DType.Float32) seed.Data<float>()[j] = 1; else seed.Data<double>()[j] = 1;
                var grads = Autograd.Grad([outputs[o]], _x, [seed], retainGraph: true);
                for (int i = 0; i < _x.Length; i++)
                {
                    if (grads[i] is not { } g) continue;
                    var values = CheckedGradient(g, i);
                    Array.Copy(values, 0, analytical[i], (offset + j) * values.Length, values.Length);
                }
            }
        }

        for (int i = 0; i < _x.Length; i++)
        {
            int n = _x[i].Count;
            for (int o = 0, offset = 0; o < _outShapes.Length; offset += ShapeCount(_outShapes[o]), o++)
                for (int j = 0; j < ShapeCount(_outShapes[o]); j++)
                    for (int k = 0; k < n; k++)
                    {
                        int at = (offset + j) * n + k;
                        Compare(analytical[i][at], numerical[i][at],
                            () => new GradCheckEntry(i, _inputLabel(i), _x[i].ShapeArray, k, o, labels[o], _outShapes[o], j, analytical[i][at], numerical[i][at]));
                    }
        }
    }

    private void RunFast()
    {
        var random = new Random(_seed);
        int outTotal = _outShapes.Sum(ShapeCount);
        var v = UnitVector(random, outTotal);
        var directions = _x.Select(t => UnitVector(random, t.Count)).ToArray();

        var numerical = new double[_x.Length];
        for (int i = 0; i < _x.Length; i++)
        {
            var x = _x[i].Data<double>();
            var original = (double[])x.Clone();
            var u = directions[i];
            for (int k = 0; k < x.Length; k++) x[k] = original[k] + _eps * u[k];
            var plus = Values();
            for (int k = 0; k < x.Length; k++) x[k] = original[k] - _eps * u[k];
            var minus = Values();
            original.CopyTo(x, 0);
            var terms = new double[outTotal];
            for (int r = 0; r < outTotal; r++) terms[r] = v[r] * ((plus[r] - minus[r]) / (2 * _eps));
            numerical[i] = Summation.Sum<double>(terms);
        }

        // analytical: one backward pass seeded with v over every output that requires grad, dotted with u.
        var outputs = Evaluate();
        var roots = new List<Tensor>();
        var seeds = new List<Tensor>();
        for (int o = 0, offset = 0; o < outputs.Length; offset += outputs[o].Count, o++)
        {
            if (!outputs[o].RequiresGrad) continue;
            var slice = new double[outputs[o].Count];
            Array.Copy(v, offset, slice, 0, slice.Length);
            roots.Add(outputs[o]);
            seeds.Add(new Tensor(new TensorStorage(slice), (int[])outputs[o].ShapeArray.Clone(), DType.Float64));
        }
        var grads = roots.Count == 0 ? new Tensor?[_x.Length] : Autograd.Grad(roots, _x, seeds);
        for (int i = 0; i < _x.Length; i++)
        {
            if (_x[i].Count == 0) continue;
            double analytical = 0;
            if (grads[i] is { } g)
            {
                var values = CheckedGradient(g, i);
                var terms = new double[values.Length];
                for (int k = 0; k < values.Length; k++) terms[k] = values[k] * directions[i][k];
                analytical = Summation.Sum<double>(terms);
            }
            Compare(analytical, numerical[i], () => new GradCheckEntry(i, _inputLabel(i), _x[i].ShapeArray, -1, -1, "", [], -1, analytical, numerical[i]));
        }
    }
}
