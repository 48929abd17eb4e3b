using Xunit;

namespace AutoNet.Tests.Misuse;

/// <summary>Grad-mode scopes: PyTorch's no_grad/enable_grad are thread-local and always restore the mode.</summary>
public class GradModeScopeTests
{
    [Fact]
    public void Scopes_disposed_out_of_order_throw_and_the_mode_is_right_once_all_are_closed()
    {
        var a = Autograd.NoGrad();
        var b = Autograd.EnableGrad();
        var e = Assert.Throws<InvalidOperationException>(() => a.Dispose());
        Assert.StartsWith("Autograd.NoGrad: this scope was disposed before the EnableGrad scope opened inside it", e.Message);
        Assert.True(Autograd.IsGradEnabled); // b, still open, says enabled
        b.Dispose();
        Assert.True(Autograd.IsGradEnabled); // all closed: back to the mode before a (enabled), not stuck off

        var x = Tensor.From([1.0, 2.0]);
        x.RequiresGrad = true;
        Assert.NotNull((x * 2.0).GradFn);
    }

    [Fact]
    public void Out_of_order_disposal_inside_an_outer_NoGrad_returns_to_no_grad()
    {
        using (Autograd.NoGrad())
        {
            var a = Autograd.EnableGrad();
            var b = Autograd.NoGrad();
            Assert.Throws<InvalidOperationException>(() => a.Dispose());
            Assert.False(Autograd.IsGradEnabled);
            b.Dispose();
            Assert.False(Autograd.IsGradEnabled); // the outer NoGrad is still open
            a.Dispose(); // a second dispose is a no-op, as IDisposable requires
            Assert.False(Autograd.IsGradEnabled);
        }
        Assert.True(Autograd.IsGradEnabled);
    }

    [Fact]
    public void A_thread_started_inside_no_grad_starts_with_grad_enabled_like_torch()
    {
        bool? inThread = null, inThreadNoGrad = null;
        using (Autograd.NoGrad())
        {
            var thread = new Thread(() =>
            {
                inThread = Autograd.IsGradEnabled;
                using (Autograd.NoGrad()) inThreadNoGrad = Autograd.IsGradEnabled;
            });
            thread.Start();
            thread.Join();
            Assert.False(Autograd.IsGradEnabled);
        }
        Assert.True(inThread);
        Assert.False(inThreadNoGrad);
    }

    [Fact]
    public async Task No_grad_flows_into_async_continuations_and_task_run()
    {
        using (Autograd.NoGrad())
        {
            await Task.Yield();
            Assert.False(Autograd.IsGradEnabled);
            await Task.Delay(1);
            Assert.False(Autograd.IsGradEnabled);
            Assert.False(await Task.Run(() => Autograd.IsGradEnabled));
            Assert.False(await Task.Run(async () =>
            {
                await Task.Delay(1); // resumes on whichever pool thread
                return Autograd.IsGradEnabled;
            }));
        }
        Assert.True(Autograd.IsGradEnabled);
    }

    [Fact]
    public void Grad_names_the_argument_and_index_of_a_null_element_like_torch_autograd_grad()
    {
        var x = Tensor.From([1.0, 2.0]);
        x.RequiresGrad = true;
        var y = (x * x).Sum();
        var e = Assert.Throws<ArgumentNullException>(() => Autograd.Grad([y, null!], [x]));
        Assert.Equal("outputs", e.ParamName);
        Assert.StartsWith("Autograd.Grad: outputs[1] is null", e.Message);
        e = Assert.Throws<ArgumentNullException>(() => Autograd.Grad([y], [null!]));
        Assert.Equal("inputs", e.ParamName);
        Assert.StartsWith("Autograd.Grad: inputs[0] is null", e.Message);
        e = Assert.Throws<ArgumentNullException>(() => Autograd.Grad([y], [x], [null!]));
        Assert.Equal("gradOutputs", e.ParamName);
        Assert.StartsWith("Autograd.Grad: gradOutputs[0] is null", e.Message);
        Assert.Equal([2.0, 4.0], Autograd.Grad([y], [x])[0]!.ToArray()); // the graph was left intact
    }
}
