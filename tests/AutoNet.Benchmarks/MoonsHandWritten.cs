namespace AutoNet.Benchmarks;

/// <summary>
/// The seed notebook's algorithm written by hand in C# double[] loops: forward, BCE loss (with the notebook's
/// 1e-8), hand-derived backward, gradient descent. The speed a framework is measured against.
/// </summary>
public sealed class MoonsHandWritten
{
    private const int M = MoonsData.Samples, I = MoonsData.Inputs, H = MoonsData.Hidden;
    private readonly MoonsData _data;
    private readonly double[] _w1 = new double[I * H], _b1 = new double[H], _w2 = new double[H], _b2 = new double[1];
    private readonly double[] _z1 = new double[M * H], _a1 = new double[M * H], _a2 = new double[M];
    private readonly double[] _dz1 = new double[M * H], _dw1 = new double[I * H], _db1 = new double[H], _dw2 = new double[H];

    public MoonsHandWritten(MoonsData data) => _data = data;

    /// <summary>Trains from the initial weights and returns the last loss.</summary>
    public double Train(int epochs)
    {
        _data.W1.CopyTo(_w1, 0);
        _data.W2.CopyTo(_w2, 0);
        Array.Clear(_b1);
        _b2[0] = 0;
        double loss = double.NaN;
        for (int e = 0; e < epochs; e++) loss = Epoch();
        return loss;
    }

    private double Epoch()
    {
        double[] x = _data.X, y = _data.Y;
        // Forward: Z1 = X·W1 + b1, A1 = relu(Z1), Z2 = A1·W2 + b2, A2 = sigmoid(Z2); loss.
        double loss = 0;
        for (int m = 0; m < M; m++)
        {
            double z2 = _b2[0];
            for (int h = 0; h < H; h++)
            {
                double z = _b1[h];
                for (int i = 0; i < I; i++) z += x[m * I + i] * _w1[i * H + h];
                _z1[m * H + h] = z;
                double a = z > 0 ? z : 0;
                _a1[m * H + h] = a;
                z2 += a * _w2[h];
            }
            double p = 1 / (1 + Math.Exp(-z2));
            _a2[m] = p;
            loss += y[m] * Math.Log(p + 1e-8) + (1 - y[m]) * Math.Log(1 - p + 1e-8);
        }
        loss = -loss / M;

        // Backward: dZ2 = A2 - y; dW2 = A1ᵀ·dZ2 / m; db2 = Σ dZ2 / m; dZ1 = dZ2·W2ᵀ * relu'(Z1); dW1 = Xᵀ·dZ1 / m; db1 = Σ dZ1 / m.
        Array.Clear(_dw1);
        Array.Clear(_db1);
        Array.Clear(_dw2);
        double db2 = 0;
        for (int m = 0; m < M; m++)
        {
            double dz2 = _a2[m] - y[m];
            db2 += dz2;
            for (int h = 0; h < H; h++)
            {
                _dw2[h] += _a1[m * H + h] * dz2;
                double dz1 = _z1[m * H + h] > 0 ? dz2 * _w2[h] : 0;
                _dz1[m * H + h] = dz1;
                _db1[h] += dz1;
                for (int i = 0; i < I; i++) _dw1[i * H + h] += x[m * I + i] * dz1;
            }
        }

        // Update: W -= lr · dW.
        const double lr = MoonsData.LearningRate;
        for (int k = 0; k < I * H; k++) _w1[k] -= lr * (_dw1[k] / M);
        for (int h = 0; h < H; h++)
        {
            _b1[h] -= lr * (_db1[h] / M);
            _w2[h] -= lr * (_dw2[h] / M);
        }
        _b2[0] -= lr * (db2 / M);
        return loss;
    }
}
