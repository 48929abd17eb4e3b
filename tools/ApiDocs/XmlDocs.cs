using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ApiDocs;

/// <summary>The XML doc files of the documented assemblies, rendered to Markdown with crefs turned into links.</summary>
internal sealed partial class XmlDocs
{
    private readonly Dictionary<string, XElement> _members = new(StringComparer.Ordinal);
    private readonly Func<string, string?> _link;

    /// <param name="files">The XML doc files (AutoNet.xml, ...).</param>
    /// <param name="link">The Markdown link target of a doc id (<c>AutoNet.Tensor.md#backward</c>), or null when
    /// the id is not documented here (a .NET type: then its short name is shown as code).</param>
    public XmlDocs(IEnumerable<string> files, Func<string, string?> link)
    {
        foreach (var file in files)
            foreach (var member in XDocument.Load(file).Descendants("member"))
                _members[(string)member.Attribute("name")!] = member;
        _link = link;
    }

    /// <summary>The doc element of an id, following <c>&lt;inheritdoc/&gt;</c> through <paramref name="inheritFrom"/>.</summary>
    public XElement? Find(string id, Func<string, string?>? inheritFrom = null)
    {
        for (int hops = 0; hops < 5 && id is not null; hops++)
        {
            if (!_members.TryGetValue(id, out var element)) return null;
            if (element.Element("inheritdoc") is null) return element;
            id = (string?)element.Element("inheritdoc")!.Attribute("cref") ?? inheritFrom?.Invoke(id)!;
        }
        return null;
    }

    /// <summary>A doc element's content as Markdown paragraphs.</summary>
    public string Render(XElement? element)
    {
        if (element is null) return "";
        var sb = new StringBuilder();
        foreach (var node in element.Nodes()) Append(sb, node);
        var lines = new List<string>();
        bool inCode = false;
        foreach (var line in MultipleBlankLines().Replace(sb.ToString(), "\n\n").Split('\n'))
        {
            if (line.StartsWith("```", StringComparison.Ordinal)) inCode = !inCode;
            lines.Add(inCode || line.StartsWith("```", StringComparison.Ordinal) ? line : line.Trim());
        }
        return string.Join("\n", lines).Trim();
    }

    /// <summary>The first sentence of a summary, on one line, for index tables.</summary>
    public string FirstSentence(XElement? element)
    {
        string text = Render(element?.Element("summary")).Replace('\n', ' ');
        int end = text.IndexOf(". ", StringComparison.Ordinal);
        while (end >= 0 && (text[..end].EndsWith("e.g", StringComparison.Ordinal) || text[..end].EndsWith("i.e", StringComparison.Ordinal)))
            end = text.IndexOf(". ", end + 2, StringComparison.Ordinal);
        return (end < 0 ? text : text[..(end + 1)]).Replace("|", "\\|");
    }

    private void Append(StringBuilder sb, XNode node)
    {
        if (node is XText text)
        {
            sb.Append(Escape(Whitespace().Replace(text.Value, " ")));
            return;
        }
        if (node is not XElement e) return;
        switch (e.Name.LocalName)
        {
            case "c":
                sb.Append(Code(e.Value));
                break;
            case "paramref" or "typeparamref":
                sb.Append(Code((string?)e.Attribute("name") ?? ""));
                break;
            case "see" or "seealso":
                if (e.Attribute("langword") is { } word) sb.Append(Code(word.Value));
                else if (e.Attribute("href") is { } href) sb.Append('[').Append(e.Value.Length > 0 ? Escape(e.Value) : href.Value).Append("](").Append(href.Value).Append(')');
                else if (e.Attribute("cref") is { } cref) sb.Append(Link(cref.Value, e.Value));
                break;
            case "para":
                sb.Append("\n\n");
                foreach (var child in e.Nodes()) Append(sb, child);
                sb.Append("\n\n");
                break;
            case "code":
                sb.Append("\n\n```csharp\n").Append(Dedent(e.Value)).Append("\n```\n\n");
                break;
            case "list":
                bool numbered = (string?)e.Attribute("type") == "number";
                sb.Append("\n\n");
                int n = 1;
                foreach (var item in e.Elements("item"))
                {
                    sb.Append(numbered ? $"{n++}. " : "- ");
                    var inner = new StringBuilder();
                    if (item.Element("term") is { } term) { foreach (var c in term.Nodes()) Append(inner, c); inner.Append(": "); }
                    foreach (var c in (item.Element("description") ?? item).Nodes().Where(c => c is not XElement { Name.LocalName: "term" })) Append(inner, c);
                    sb.Append(inner.ToString().Trim().Replace("\n", " ")).Append('\n');
                }
                sb.Append('\n');
                break;
            case "b":
                sb.Append("**").Append(Escape(e.Value)).Append("**");
                break;
            default:
                foreach (var child in e.Nodes()) Append(sb, child);
                break;
        }
    }

    /// <summary>A link to a documented id, or the short name as code for anything else (System types).</summary>
    public string Link(string id, string? text = null)
    {
        string shown = string.IsNullOrEmpty(text) ? ShortName(id) : text;
        return _link(id) is { } target ? $"[{Code(shown)}]({target})" : Code(shown);
    }

    /// <summary><c>M:AutoNet.Tensor.Backward(AutoNet.Tensor)</c> → <c>Tensor.Backward</c>; <c>T:AutoNet.Nn.Linear</c> → <c>Linear</c>.</summary>
    public static string ShortName(string id)
    {
        string name = id.Length > 2 && id[1] == ':' ? id[2..] : id;
        int paren = name.IndexOf('(');
        if (paren >= 0) name = name[..paren];
        name = GenericArity().Replace(name, "").Replace("#ctor", "ctor");
        var parts = name.Split('.');
        return id.StartsWith("T:", StringComparison.Ordinal) || parts.Length < 2 ? parts[^1] : parts[^2] + "." + parts[^1];
    }

    public static string Code(string s) => s.Contains('`') ? "`` " + s + " ``" : "`" + s + "`";

    public static string Escape(string s) =>
        s.Replace("\\", "\\\\").Replace("*", "\\*").Replace("_", "\\_").Replace("[", "\\[").Replace("]", "\\]").Replace("<", "&lt;");

    private static string Dedent(string code)
    {
        var lines = code.Trim('\n', '\r').Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        int indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join("\n", lines.Select(l => l.Length >= indent ? l[indent..] : l.Trim()));
    }

    [GeneratedRegex("\\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("\n{3,}")]
    private static partial Regex MultipleBlankLines();

    [GeneratedRegex("`+\\d+")]
    private static partial Regex GenericArity();
}
