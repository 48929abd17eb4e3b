using AutoNet.Nn;
using Xunit;

namespace AutoNet.Tests.Nn;

public class BufferAttributeTests
{
    private sealed class WithState : Module
    {
        [Buffer] private readonly Tensor _step = Tensor.Scalar(0);
        [Buffer("ema_value")] private readonly Tensor _ema = Tensor.Zeros(2);
        [Buffer] private readonly Tensor? _missing = null;
        private readonly Tensor _scratch = Tensor.Ones(2); // not marked: neither a parameter nor a buffer

        public Parameter Weight { get; } = new(Tensor.Ones(2));

        public Tensor Scratch => _scratch;

        public Tensor? Missing => _missing;

        public override Tensor Forward(Tensor input) => input * Weight + _ema + _step;
    }

    [Fact]
    public void Marked_fields_are_buffers_named_from_the_field_or_the_attribute_and_null_ones_are_skipped()
    {
        var m = new WithState();
        Assert.Equal(new[] { "step", "ema_value" }, m.NamedBuffers().Select(b => b.Name).ToArray());
        Assert.Equal(new[] { "weight" }, m.NamedParameters().Select(p => p.Name).ToArray());
        Assert.NotNull(m.Scratch);
        Assert.Null(m.Missing);
    }

    [Fact]
    public void Buffers_of_submodules_are_prefixed_by_path_and_shared_ones_listed_once()
    {
        var shared = new WithState();
        var model = new Sequential(shared, new ReLU(), shared);
        Assert.Equal(new[] { "0.step", "0.ema_value" }, model.NamedBuffers().Select(b => b.Name).ToArray());
    }
}
