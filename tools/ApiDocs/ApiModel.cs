using System.Reflection;
using System.Runtime.CompilerServices;

namespace ApiDocs;

/// <summary>One documented member: what it is, its doc id, and where its section is (page and anchor).</summary>
internal sealed record ApiMember(MemberInfo Info, string Kind, string Id, string Anchor, string Heading);

/// <summary>One public type, its page and its public (and protected) members.</summary>
internal sealed record ApiType(Type Type, string Id, string Page, IReadOnlyList<ApiMember> Members);

/// <summary>The public surface of the documented assemblies, found by reflection.</summary>
internal static class ApiModel
{
    private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    public static List<ApiType> Read(IEnumerable<Assembly> assemblies) =>
        [.. assemblies.SelectMany(a => a.GetExportedTypes()).Where(t => !Hidden(t)).OrderBy(t => t.FullName, StringComparer.Ordinal).Select(ReadType)];

    /// <summary><c>AutoNet.Nn.Linear.md</c>; nested types keep their outer type's name, generic arity becomes <c>-1</c>.</summary>
    public static string PageOf(Type type) => type.FullName!.Replace('+', '.').Replace('`', '-') + ".md";

    private static ApiType ReadType(Type type)
    {
        var members = new List<ApiMember>();
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        void Add(MemberInfo info, string kind, string heading, string anchorBase)
        {
            string anchor = anchorBase;
            for (int n = 2; !anchors.Add(anchor); n++) anchor = anchorBase + "-" + n;
            members.Add(new ApiMember(info, kind, DocIds.Of(info), anchor, heading));
        }

        if (type.IsEnum)
        {
            foreach (var f in type.GetFields(BindingFlags.Public | BindingFlags.Static)) Add(f, "Values", f.Name, Slug(f.Name));
            return new ApiType(type, DocIds.Of(type), PageOf(type), members);
        }
        bool isDelegate = typeof(Delegate).IsAssignableFrom(type.BaseType);
        if (!isDelegate)
        {
            foreach (var c in type.GetConstructors(Declared).Where(Visible).OrderBy(c => c.GetParameters().Length))
                Add(c, "Constructors", Signatures.GenericName(type).Split('<')[0] + "(" + ParameterList(c) + ")", "ctor");
            foreach (var p in type.GetProperties(Declared).Where(p => (p.GetMethod ?? p.SetMethod) is { } a && Visible(a) && !Hidden(p)).OrderBy(p => p.Name, StringComparer.Ordinal))
                Add(p, "Properties", p.GetIndexParameters().Length > 0 ? "this[" + string.Join(", ", p.GetIndexParameters().Select(i => Signatures.Name(i.ParameterType))) + "]" : p.Name, Slug(p.Name));
            foreach (var f in type.GetFields(Declared).Where(f => (f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly) && !Hidden(f)).OrderBy(f => f.Name, StringComparer.Ordinal))
                Add(f, "Fields", f.Name, Slug(f.Name));
            foreach (var e in type.GetEvents(Declared).Where(e => e.AddMethod is { } a && Visible(a)).OrderBy(e => e.Name, StringComparer.Ordinal))
                Add(e, "Events", e.Name, Slug(e.Name));
            var methods = type.GetMethods(Declared)
                .Where(m => Visible(m) && !Hidden(m) && (!m.IsSpecialName || m.Name.StartsWith("op_", StringComparison.Ordinal)))
                .OrderBy(m => m.IsSpecialName).ThenBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => m.GetParameters().Length)
                .ThenBy(m => ParameterList(m), StringComparer.Ordinal);
            foreach (var m in methods)
            {
                bool op = m.IsSpecialName;
                string name = op ? "operator " + OperatorName(m) : m.Name + (m.IsGenericMethodDefinition ? "<" + string.Join(", ", m.GetGenericArguments().Select(a => a.Name)) + ">" : "");
                Add(m, op ? "Operators" : "Methods", name + "(" + ParameterList(m) + ")", Slug(op ? m.Name[3..] : m.Name));
            }
        }
        return new ApiType(type, DocIds.Of(type), PageOf(type), members);
    }

    private static string OperatorName(MethodInfo m) =>
        m.Name is "op_Implicit" or "op_Explicit" ? Signatures.Name(m.ReturnType) : Signatures.Declaration(m).Split(" operator ")[^1].Split('(')[0];

    private static string ParameterList(MethodBase m) => string.Join(", ", m.GetParameters().Select(p => Signatures.Name(p.ParameterType)));

    private static bool Visible(MethodBase m) => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly;

    private static bool Hidden(MemberInfo m) =>
        m.IsDefined(typeof(CompilerGeneratedAttribute), false) || m.Name.Contains('<') || m.Name.Contains('$');

    /// <summary>An HTML id: lower case letters, digits and dashes.</summary>
    public static string Slug(string name) =>
        new string([.. name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
}
