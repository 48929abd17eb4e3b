using System.Collections.Concurrent;
using System.Reflection;

namespace AutoNet.Nn;

/// <summary>
/// Finds a module's parameters and submodules without registration: every instance field (including
/// auto-property backing fields) of type <see cref="Tensor"/>/<see cref="Parameter"/>, <see cref="Module"/>,
/// or a collection of modules, declared on the class or its base classes. Names follow PyTorch: the member name
/// with a leading underscore dropped and the first letter lower-cased (<c>Weight</c> → <c>weight</c>).
/// </summary>
internal static class ModuleReflection
{
    private static readonly ConcurrentDictionary<Type, (string Name, FieldInfo Field)[]> Cache = new();

    public static IEnumerable<(string Name, Parameter Parameter)> Parameters(Module module)
    {
        foreach (var (name, field) in Fields(module.GetType()))
            if (field.GetValue(module) is Parameter p) yield return (name, p);
    }

    /// <summary>Fields marked <see cref="BufferAttribute"/> holding a non-null tensor that is not a parameter.</summary>
    public static IEnumerable<(string Name, Tensor Buffer)> Buffers(Module module)
    {
        foreach (var (name, field) in Fields(module.GetType()))
            if (field.GetCustomAttribute<BufferAttribute>() is { } attribute && field.GetValue(module) is Tensor t and not Parameter)
                yield return (attribute.Name ?? name, t);
    }

    public static IEnumerable<(string Name, Module Module)> Children(Module module)
    {
        foreach (var (name, field) in Fields(module.GetType()))
        {
            switch (field.GetValue(module))
            {
                case Module child:
                    yield return (name, child);
                    break;
                case IEnumerable<Module> list:
                    int i = 0;
                    foreach (var child in list) yield return ($"{name}.{i++}", child);
                    break;
            }
        }
    }

    private static (string Name, FieldInfo Field)[] Fields(Type type) => Cache.GetOrAdd(type, static t =>
    {
        var chain = new List<Type>();
        for (var c = t; c is not null && c != typeof(Module); c = c.BaseType) chain.Add(c);
        chain.Reverse(); // base classes first, as their fields were assigned first
        var result = new List<(string, FieldInfo)>();
        foreach (var c in chain)
            foreach (var f in c.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                if (typeof(Tensor).IsAssignableFrom(f.FieldType) || typeof(Module).IsAssignableFrom(f.FieldType)
                    || typeof(IEnumerable<Module>).IsAssignableFrom(f.FieldType))
                    result.Add((PyTorchName(f.Name), f));
        return result.ToArray();
    });

    /// <summary><c>&lt;Weight&gt;k__BackingField</c> → <c>weight</c>; <c>_hidden</c> → <c>hidden</c>.</summary>
    private static string PyTorchName(string fieldName)
    {
        string name = fieldName;
        if (name.StartsWith('<') && name.IndexOf('>') is > 1 and var end) name = name[1..end];
        name = name.TrimStart('_');
        return name.Length == 0 ? fieldName : char.ToLowerInvariant(name[0]) + name[1..];
    }
}
