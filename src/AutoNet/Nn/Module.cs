using System.Text;

namespace AutoNet.Nn;

/// <summary>
/// The base of every layer and model. A subclass stores its parameters (<see cref="Parameter"/>) and submodules
/// in ordinary fields or properties and overrides <see cref="Forward"/>; they are found by reflection, in
/// declaration order, and named like PyTorch's <c>state_dict</c> keys (<c>0.weight</c>). PyTorch: <c>torch.nn.Module</c>.
/// </summary>
public abstract partial class Module
{
    /// <summary>Computes the module's output. PyTorch: <c>forward</c> (and <c>__call__</c>).</summary>
    public abstract Tensor Forward(Tensor input);

    /// <summary>True in training mode (the default), false after <see cref="Eval"/>. PyTorch: <c>training</c>.</summary>
    public bool Training { get; private set; } = true;

    /// <summary>Sets training mode on this module and every submodule. PyTorch: <c>train(mode)</c>.</summary>
    public Module Train(bool mode = true)
    {
        Training = mode;
        foreach (var (_, child) in NamedChildren()) child.Train(mode);
        return this;
    }

    /// <summary>Sets evaluation mode (dropout off, batch norm uses running statistics). PyTorch: <c>eval()</c>.</summary>
    public Module Eval() => Train(false);

    /// <summary>The direct submodules with their names (field names, or indices for <see cref="Sequential"/>).
    /// PyTorch: <c>named_children()</c>.</summary>
    public virtual IEnumerable<(string Name, Module Module)> NamedChildren() => ModuleReflection.Children(this);

    /// <summary>The parameters held directly by this module (not by submodules), with their names.</summary>
    protected virtual IEnumerable<(string Name, Parameter Parameter)> DirectParameters() => ModuleReflection.Parameters(this);

    /// <summary>
    /// Every parameter of this module and its submodules, depth first in declaration order, each named by its
    /// path (<c>0.weight</c>); a parameter shared by two modules is listed once. PyTorch: <c>named_parameters()</c>.
    /// </summary>
    public IEnumerable<(string Name, Parameter Parameter)> NamedParameters()
    {
        foreach (var (name, tensor) in Walk(parameters: true, buffers: false, removeDuplicates: true))
            yield return (name, (Parameter)tensor);
    }

    /// <summary>The buffers (fields marked <see cref="BufferAttribute"/>) held directly by this module, with their names.</summary>
    protected virtual IEnumerable<(string Name, Tensor Buffer)> DirectBuffers() => ModuleReflection.Buffers(this);

    /// <summary>
    /// Every buffer (non-trainable state such as BatchNorm's <c>running_mean</c>) of this module and its
    /// submodules, named by path like <see cref="NamedParameters"/>. PyTorch: <c>named_buffers()</c>.
    /// </summary>
    public IEnumerable<(string Name, Tensor Buffer)> NamedBuffers() => Walk(parameters: false, buffers: true, removeDuplicates: true);

    /// <summary>
    /// The one depth-first walk behind <see cref="NamedParameters"/>, <see cref="NamedBuffers"/> and the state
    /// dict: at each module its own parameters, then its own buffers, then each child in order, named by path
    /// (<c>0.weight</c>), as PyTorch orders them. Iterative, so deep models cannot overflow the stack.
    /// </summary>
    private IEnumerable<(string Name, Tensor Tensor)> Walk(bool parameters, bool buffers, bool removeDuplicates)
    {
        var seen = removeDuplicates ? new HashSet<Tensor>(ReferenceEqualityComparer.Instance) : null;
        var stack = new Stack<(string Prefix, Module Module)>();
        stack.Push(("", this));
        while (stack.Count > 0)
        {
            var (prefix, module) = stack.Pop();
            if (parameters)
                foreach (var (name, p) in module.DirectParameters())
                    if (seen is null || seen.Add(p)) yield return (prefix + name, p);
            if (buffers)
                foreach (var (name, b) in module.DirectBuffers())
                    if (b is not null && (seen is null || seen.Add(b))) yield return (prefix + name, b);
            var children = module.NamedChildren().ToList();
            for (int i = children.Count - 1; i >= 0; i--) stack.Push((prefix + children[i].Name + ".", children[i].Module));
        }
    }

    /// <summary>Every parameter, in the order of <see cref="NamedParameters"/>. PyTorch: <c>parameters()</c>.</summary>
    public IEnumerable<Parameter> Parameters()
    {
        foreach (var (_, p) in NamedParameters()) yield return p;
    }

    /// <summary>Resets every parameter's gradient to null. PyTorch: <c>zero_grad()</c> (set_to_none=True).</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters()) p.Grad = null;
    }

    /// <summary>Text shown inside the parentheses of <see cref="ToString"/>, e.g. <c>in_features=2, out_features=4, bias=True</c>.</summary>
    protected virtual string ExtraRepr() => "";

    /// <summary>
    /// A summary like PyTorch's repr: the module's name, its settings, and its submodules indented; a module with
    /// submodules (a model) ends with a line counting its trainable values, <c>Parameters: 1,234</c>.
    /// </summary>
    public override string ToString()
    {
        string repr = Repr();
        return NamedChildren().Any() ? repr + "\n" + ParameterCountLine() : repr;
    }

    private string Repr()
    {
        var children = NamedChildren().ToList();
        var sb = new StringBuilder(GetType().Name).Append('(').Append(ExtraRepr());
        if (children.Count == 0) return sb.Append(')').ToString();
        sb.Append('\n');
        foreach (var (name, child) in children)
            sb.Append("  (").Append(name).Append("): ").Append((child.NamedChildren().Any() ? child.Repr() : child.ToString()).Replace("\n", "\n  ")).Append('\n');
        return sb.Append(')').ToString();
    }
}
