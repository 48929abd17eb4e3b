using System.Collections;
using System.Globalization;

namespace AutoNet.Nn;

/// <summary>
/// An indexable list of modules, registered as submodules: its children are named <c>0</c>, <c>1</c>, ..., so in a
/// field <c>Blocks</c> the parameters are <c>blocks.0.weight</c>, ... as in PyTorch. It has no forward of its own:
/// iterate over it in the owning module's <see cref="Module.Forward"/>. PyTorch: <c>torch.nn.ModuleList</c>.
/// </summary>
public sealed class ModuleList : Module, IReadOnlyList<Module>
{
    private readonly List<Module> _modules = [];

    /// <summary>A list holding <paramref name="modules"/>, in order.</summary>
    public ModuleList(params Module[] modules) : this((IEnumerable<Module>)modules) { }

    /// <summary>A list holding <paramref name="modules"/>, in order.</summary>
    public ModuleList(IEnumerable<Module> modules) => AddRange(modules);

    /// <summary>The number of modules. PyTorch: <c>len(module_list)</c>.</summary>
    public int Count => _modules.Count;

    /// <summary>The module at <paramref name="index"/> (negative counts from the end, as in Python). PyTorch: <c>module_list[i]</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is out of range.</exception>
    public Module this[int index]
    {
        get => _modules[Normalize(index)];
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            _modules[Normalize(index)] = value;
        }
    }

    /// <summary>Appends a module and returns this list. PyTorch: <c>append</c>.</summary>
    public ModuleList Add(Module module)
    {
        ArgumentNullException.ThrowIfNull(module, nameof(module));
        _modules.Add(module);
        return this;
    }

    /// <summary>Appends modules in order and returns this list. PyTorch: <c>extend</c>.</summary>
    public ModuleList AddRange(IEnumerable<Module> modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        int i = 0;
        foreach (var m in modules)
        {
            if (m is null) throw new ArgumentNullException(nameof(modules), $"ModuleList: module {i} is null.");
            _modules.Add(m);
            i++;
        }
        return this;
    }

    /// <summary>Not supported: a ModuleList only holds modules (PyTorch's raises NotImplementedError too).</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override Tensor Forward(Tensor input) => throw new NotSupportedException(
        "ModuleList: has no Forward; call its modules from the owning module's Forward (foreach (var m in list) x = m.Forward(x)), or use Sequential.");

    /// <inheritdoc/>
    public override IEnumerable<(string Name, Module Module)> NamedChildren()
    {
        for (int i = 0; i < _modules.Count; i++) yield return (i.ToString(CultureInfo.InvariantCulture), _modules[i]);
    }

    /// <inheritdoc/>
    public IEnumerator<Module> GetEnumerator() => _modules.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int Normalize(int index)
    {
        int i = index < 0 ? index + _modules.Count : index;
        if (i < 0 || i >= _modules.Count)
            throw new ArgumentOutOfRangeException(nameof(index), index,
                $"ModuleList: index {index} is out of range for a list of {_modules.Count} modules (expected {-_modules.Count} <= index < {_modules.Count}).");
        return i;
    }
}
