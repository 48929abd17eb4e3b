using System.Reflection;
using System.Text;

namespace ApiDocs;

/// <summary>
/// The documentation ids the C# compiler writes into the XML doc file (<c>T:AutoNet.Tensor</c>,
/// <c>M:AutoNet.Tensor.Backward(AutoNet.Tensor,System.Boolean,System.Boolean)</c>), computed from reflection,
/// so that each public member finds its docs and each cref finds its page.
/// </summary>
internal static class DocIds
{
    public static string Of(Type type) => "T:" + TypeName(type);

    public static string Of(MemberInfo member) => member switch
    {
        Type t => Of(t),
        FieldInfo f => "F:" + TypeName(f.DeclaringType!) + "." + f.Name,
        EventInfo e => "E:" + TypeName(e.DeclaringType!) + "." + e.Name,
        PropertyInfo p => "P:" + TypeName(p.DeclaringType!) + "." + p.Name + Parameters(p.GetIndexParameters()),
        MethodBase m => MethodId(m),
        _ => throw new NotSupportedException(member.GetType().Name),
    };

    private static string MethodId(MethodBase m)
    {
        var sb = new StringBuilder("M:").Append(TypeName(m.DeclaringType!)).Append('.');
        sb.Append(m.IsConstructor ? (m.IsStatic ? "#cctor" : "#ctor") : m.Name.Replace('.', '#'));
        if (m.IsGenericMethodDefinition) sb.Append("``").Append(m.GetGenericArguments().Length);
        sb.Append(Parameters(m.GetParameters()));
        if (m is MethodInfo mi && m.Name is "op_Implicit" or "op_Explicit") sb.Append('~').Append(Encode(mi.ReturnType));
        return sb.ToString();
    }

    private static string Parameters(ParameterInfo[] parameters) =>
        parameters.Length == 0 ? "" : "(" + string.Join(",", parameters.Select(p => Encode(p.ParameterType))) + ")";

    /// <summary>A type definition's name: namespace, outer types and arity, e.g. <c>AutoNet.Nn.Module`1</c>.</summary>
    private static string TypeName(Type type) =>
        type.IsNested ? TypeName(type.DeclaringType!) + "." + type.Name : (type.Namespace is { } ns ? ns + "." : "") + type.Name;

    /// <summary>A type as a parameter: generic arguments in braces, <c>`0</c>/<c>``0</c> for type parameters.</summary>
    private static string Encode(Type type)
    {
        if (type.IsByRef) return Encode(type.GetElementType()!) + "@";
        if (type.IsPointer) return Encode(type.GetElementType()!) + "*";
        if (type.IsArray)
        {
            int rank = type.GetArrayRank();
            return Encode(type.GetElementType()!) + (rank == 1 ? "[]" : "[" + string.Join(",", Enumerable.Repeat("0:", rank)) + "]");
        }
        if (type.IsGenericParameter) return (type.DeclaringMethod is null ? "`" : "``") + type.GenericParameterPosition;
        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            var args = type.GetGenericArguments();
            return EncodeGenericName(type, args, args.Length);
        }
        return TypeName(type);
    }

    /// <summary><c>Outer{A}.Inner{B}</c>: each level takes its own share of the generic arguments.</summary>
    private static string EncodeGenericName(Type type, Type[] args, int count)
    {
        var definition = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        string name = definition.Name;
        int tick = name.IndexOf('`');
        int own = tick < 0 ? 0 : int.Parse(name[(tick + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        if (tick >= 0) name = name[..tick];
        string prefix = type.IsNested
            ? EncodeGenericName(type.DeclaringType!, args, count - own) + "."
            : (type.Namespace is { } ns ? ns + "." : "");
        if (own == 0) return prefix + name;
        return prefix + name + "{" + string.Join(",", args.Skip(count - own).Take(own).Select(Encode)) + "}";
    }
}
