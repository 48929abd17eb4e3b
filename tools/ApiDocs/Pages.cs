using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace ApiDocs;

/// <summary>Writes the Markdown pages of the API reference: an index, one page per type, and the PyTorch map.</summary>
internal sealed partial class Pages
{
    private static readonly string[] Sections = ["Values", "Constructors", "Properties", "Fields", "Events", "Methods", "Operators"];
    private readonly List<ApiType> _types;
    private readonly Dictionary<string, MemberInfo> _byId = new(StringComparer.Ordinal);
    private readonly XmlDocs _docs;

    public Pages(List<ApiType> types, IEnumerable<string> xmlFiles)
    {
        _types = types;
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var t in types)
        {
            links[t.Id] = t.Page;
            _byId[t.Id] = t.Type;
            foreach (var m in t.Members)
            {
                links.TryAdd(m.Id, t.Page + "#" + m.Anchor);
                _byId.TryAdd(m.Id, m.Info);
            }
        }
        _docs = new XmlDocs(xmlFiles, id => links.GetValueOrDefault(id));
    }

    /// <summary>Every page, by file name.</summary>
    public Dictionary<string, string> All()
    {
        var pages = new Dictionary<string, string>(StringComparer.Ordinal) { ["index.md"] = Index(), ["pytorch.md"] = PyTorchMap() };
        foreach (var t in _types) pages[t.Page] = TypePage(t);
        return pages;
    }

    private string Index()
    {
        var sb = new StringBuilder("# API reference\n\n");
        sb.Append("Every public type and member of the four libraries, from their XML doc comments. Members that have a\n")
          .Append("PyTorch counterpart say so (`PyTorch:`); [PyTorch equivalents](pytorch.md) lists them all by PyTorch name.\n\n")
          .Append("These pages are generated: `bash docs/generate-api.sh` rewrites them from the built libraries, and CI\n")
          .Append("fails when they differ from what it would write.\n");
        foreach (var assembly in _types.GroupBy(t => t.Type.Assembly.GetName().Name))
        {
            sb.Append("\n## ").Append(assembly.Key).Append("\n");
            foreach (var ns in assembly.GroupBy(t => t.Type.Namespace))
            {
                sb.Append("\n### ").Append(ns.Key).Append("\n\n| Type | Summary |\n|---|---|\n");
                foreach (var t in ns)
                    sb.Append("| [").Append(XmlDocs.Code(TypeTitle(t.Type))).Append("](").Append(t.Page).Append(") | ")
                      .Append(_docs.FirstSentence(Docs(t.Id))).Append(" |\n");
            }
        }
        return sb.ToString();
    }

    private string TypePage(ApiType t)
    {
        var type = t.Type;
        var sb = new StringBuilder("# ").Append(XmlDocs.Escape(TypeTitle(type))).Append("\n\n");
        bool record = Signatures.Declaration(type).Contains(" record ", StringComparison.Ordinal);
        string kind = type.IsEnum ? "enum" : type.IsInterface ? "interface" : record ? "record" : type.IsValueType ? "struct"
            : typeof(Delegate).IsAssignableFrom(type.BaseType) ? "delegate" : type.IsAbstract && type.IsSealed ? "static class" : "class";
        sb.Append(kind.Substring(0, 1).ToUpperInvariant()).Append(kind[1..]).Append(" in namespace `").Append(type.Namespace)
          .Append("`, assembly `").Append(type.Assembly.GetName().Name).Append("`. [All types](index.md)\n\n");
        sb.Append("```csharp\n").Append(Signatures.Declaration(type)).Append("\n```\n\n");
        var doc = Docs(t.Id);
        AppendDocs(sb, doc, type);
        if (type.BaseType is { } b && b != typeof(object) && !type.IsValueType && !type.IsEnum && !typeof(Delegate).IsAssignableFrom(b))
            sb.Append("Inherits from ").Append(_docs.Link(DocIds.Of(b.IsGenericType ? b.GetGenericTypeDefinition() : b), Signatures.Name(b))).Append(".\n\n");
        if (type.IsNested) sb.Append("Nested in ").Append(_docs.Link(DocIds.Of(type.DeclaringType!), Signatures.Name(type.DeclaringType!))).Append(".\n\n");

        if (t.Members.Count > 0 && !type.IsEnum)
        {
            sb.Append("| Member | Summary |\n|---|---|\n");
            foreach (var m in t.Members)
                sb.Append("| [").Append(XmlDocs.Code(m.Heading)).Append("](#").Append(m.Anchor).Append(") | ").Append(_docs.FirstSentence(Docs(m.Id))).Append(" |\n");
            sb.Append('\n');
        }
        foreach (var section in Sections)
        {
            var members = t.Members.Where(m => m.Kind == section).ToList();
            if (members.Count == 0) continue;
            sb.Append("## ").Append(section).Append("\n\n");
            foreach (var m in members)
            {
                sb.Append("### ").Append(XmlDocs.Escape(m.Heading)).Append(" { #").Append(m.Anchor).Append(" }\n\n");
                sb.Append("```csharp\n").Append(Wrap(Signatures.Declaration(m.Info))).Append("\n```\n\n");
                AppendDocs(sb, Docs(m.Id), m.Info);
            }
        }
        return sb.ToString().TrimEnd('\n') + "\n";
    }

    private void AppendDocs(StringBuilder sb, System.Xml.Linq.XElement? doc, MemberInfo member)
    {
        if (doc is null)
        {
            string? baseId = BaseId(DocIds.Of(member));
            sb.Append(member is ConstructorInfo c && c.GetParameters().Length == 0 ? "The parameterless constructor the compiler adds (no doc comment).\n\n"
                : baseId is not null ? "Overrides or implements " + XmlDocs.Code(XmlDocs.ShortName(baseId)) + " of .NET, documented there.\n\n"
                : throw new InvalidOperationException($"ApiDocs: {DocIds.Of(member)} is public and has no doc comment."));
            return;
        }
        void Paragraph(string? text) { if (!string.IsNullOrWhiteSpace(text)) sb.Append(text).Append("\n\n"); }
        Paragraph(_docs.Render(doc.Element("summary")));
        Paragraph(_docs.Render(doc.Element("value")));
        List("Type parameters", doc.Elements("typeparam").Select(p => (XmlDocs.Code((string)p.Attribute("name")!), _docs.Render(p))));
        List("Parameters", doc.Elements("param").Select(p => (XmlDocs.Code((string)p.Attribute("name")!), _docs.Render(p))));
        if (doc.Element("returns") is { } returns) sb.Append("**Returns:** ").Append(_docs.Render(returns)).Append("\n\n");
        List("Exceptions", doc.Elements("exception").Select(e => (_docs.Link((string)e.Attribute("cref")!), _docs.Render(e))));
        Paragraph(_docs.Render(doc.Element("remarks")));
        foreach (var example in doc.Elements("example")) Paragraph("**Example:** " + _docs.Render(example));

        void List(string title, IEnumerable<(string Name, string Text)> items)
        {
            var list = items.ToList();
            if (list.Count == 0) return;
            sb.Append("**").Append(title).Append(":**\n\n");
            foreach (var (name, text) in list) sb.Append("- ").Append(name).Append(": ").Append(text.Replace("\n\n", " ").Replace("\n", " ")).Append('\n');
            sb.Append('\n');
        }
    }

    /// <summary>Every member whose docs name a PyTorch counterpart, by PyTorch name.</summary>
    private string PyTorchMap()
    {
        var rows = new List<(string Torch, string AutoNet)>();
        foreach (var t in _types)
            foreach (var (id, link) in t.Members.Select(m => (m.Id, "[" + XmlDocs.Code(TypeTitle(t.Type) + "." + m.Heading) + "](" + t.Page + "#" + m.Anchor + ")"))
                         .Prepend((t.Id, "[" + XmlDocs.Code(TypeTitle(t.Type)) + "](" + t.Page + ")")))
            {
                var doc = Docs(id);
                if (doc is null) continue;
                string text = _docs.Render(doc.Element("summary")) + "\n" + _docs.Render(doc.Element("remarks"));
                var match = PyTorchSentence().Match(text.Replace('\n', ' '));
                if (match.Success) rows.Add((match.Groups["torch"].Value.Trim().TrimEnd('.', ';', ',').Replace("|", "\\|"), link));
            }
        var sb = new StringBuilder("# PyTorch equivalents\n\n");
        sb.Append("The PyTorch counterpart that each type or member names in its docs (`PyTorch: ...`), sorted by PyTorch\n")
          .Append("name. Generated with the rest of the [API reference](index.md).\n\n| PyTorch | AutoNet |\n|---|---|\n");
        foreach (var (torch, autoNet) in rows.OrderBy(r => r.Torch.TrimStart('`'), StringComparer.OrdinalIgnoreCase).ThenBy(r => r.AutoNet, StringComparer.Ordinal))
            sb.Append("| ").Append(torch).Append(" | ").Append(autoNet).Append(" |\n");
        return sb.ToString();
    }

    [GeneratedRegex("PyTorch(?: equivalent)?: (?<torch>.+?)(?:\\.\\s|\\.$|$)")]
    private static partial Regex PyTorchSentence();

    /// <summary>A declaration longer than 90 columns with one parameter per line.</summary>
    private static string Wrap(string declaration)
    {
        int open = declaration.IndexOf('(');
        if (declaration.Length <= 90 || open < 0 || !declaration.EndsWith(')')) return declaration;
        var parameters = new List<string>();
        int depth = 0, start = open + 1;
        for (int i = start; i < declaration.Length - 1; i++)
        {
            char c = declaration[i];
            if (c is '<' or '(' or '[') depth++;
            else if (c is '>' or ')' or ']') depth--;
            else if (c == ',' && depth == 0)
            {
                parameters.Add(declaration[start..i].Trim());
                start = i + 1;
            }
        }
        parameters.Add(declaration[start..^1].Trim());
        return declaration[..(open + 1)] + "\n    " + string.Join(",\n    ", parameters) + ")";
    }

    private static string TypeTitle(Type type) => (type.IsNested ? Signatures.GenericName(type.DeclaringType!) + "." : "") + Signatures.GenericName(type);

    /// <summary>The docs of an id, following inheritdoc to the overridden or implemented member.</summary>
    private System.Xml.Linq.XElement? Docs(string id) => _docs.Find(id, BaseId);

    private string? BaseId(string id)
    {
        if (!_byId.TryGetValue(id, out var member)) return null;
        MethodInfo? method = member as MethodInfo ?? (member as PropertyInfo)?.GetMethod;
        if (method is null) return member is Type t && t.BaseType is { } b ? DocIds.Of(b) : null;
        var baseMethod = method.GetBaseDefinition();
        MemberInfo? target = baseMethod != method ? baseMethod : null;
        foreach (var i in method.DeclaringType!.GetInterfaces())
        {
            if (target is not null) break;
            var map = method.DeclaringType.GetInterfaceMap(i);
            int index = Array.IndexOf(map.TargetMethods, method);
            if (index >= 0) target = map.InterfaceMethods[index];
        }
        if (target is MethodInfo m && member is PropertyInfo p)
            target = m.DeclaringType!.GetProperty(p.Name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance);
        return target is null ? null : DocIds.Of(target);
    }
}
