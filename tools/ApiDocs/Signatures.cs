using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace ApiDocs;

/// <summary>C# declarations of public types and members as a reader would write them, nullable annotations included.</summary>
internal static class Signatures
{
    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(void)] = "void", [typeof(bool)] = "bool", [typeof(byte)] = "byte", [typeof(sbyte)] = "sbyte",
        [typeof(char)] = "char", [typeof(short)] = "short", [typeof(ushort)] = "ushort", [typeof(int)] = "int",
        [typeof(uint)] = "uint", [typeof(long)] = "long", [typeof(ulong)] = "ulong", [typeof(float)] = "float",
        [typeof(double)] = "double", [typeof(decimal)] = "decimal", [typeof(string)] = "string", [typeof(object)] = "object",
    };

    /// <summary>A type's name in C#: <c>IReadOnlyList&lt;Tensor?&gt;</c>, <c>int[]</c>, <c>(string Name, Tensor Tensor)</c>.</summary>
    public static string Name(Type type, NullabilityInfo? nullability = null, IList<string>? tupleNames = null)
    {
        string suffix = nullability?.ReadState == NullabilityState.Nullable && !type.IsValueType ? "?" : "";
        if (type.IsByRef) return Name(type.GetElementType()!, nullability);
        if (Nullable.GetUnderlyingType(type) is { } underlying) return Name(underlying) + "?";
        if (type.IsArray) return Name(type.GetElementType()!, nullability?.ElementType) + "[" + new string(',', type.GetArrayRank() - 1) + "]" + suffix;
        if (Keywords.TryGetValue(type, out var keyword)) return keyword + suffix;
        if (type.IsGenericParameter) return type.Name + suffix;
        if (!type.IsGenericType) return OuterPrefix(type) + type.Name + suffix;

        var args = type.GetGenericArguments();
        var argNullability = nullability?.GenericTypeArguments;
        string Arg(int i) => Name(args[i], argNullability is { Length: > 0 } n && i < n.Length ? n[i] : null);
        if (type.FullName?.StartsWith("System.ValueTuple`", StringComparison.Ordinal) == true
            || type.GetGenericTypeDefinition().FullName?.StartsWith("System.ValueTuple`", StringComparison.Ordinal) == true)
            return "(" + string.Join(", ", args.Select((_, i) => Arg(i) + (tupleNames is not null && i < tupleNames.Count && tupleNames[i] is { } n ? " " + n : ""))) + ")";
        string name = type.Name[..type.Name.IndexOf('`')];
        return OuterPrefix(type) + name + "<" + string.Join(", ", args.Select((_, i) => Arg(i))) + ">" + suffix;
    }

    private static string OuterPrefix(Type type) => type.IsNested && !type.IsGenericParameter ? Name(type.DeclaringType!) + "." : "";

    /// <summary>The declaration line of a type: <c>public sealed class Linear : Module</c>.</summary>
    public static string Declaration(Type type)
    {
        string name = GenericName(type);
        if (type.IsEnum) return $"public enum {name}";
        if (typeof(Delegate).IsAssignableFrom(type.BaseType) && type.GetMethod("Invoke") is { } invoke)
            return $"public delegate {Name(invoke.ReturnType)} {name}({Parameters(invoke)})";
        bool record = type.GetMethod("<Clone>$") is not null || (type.IsValueType && type.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance) is not null);
        string kind = type.IsInterface ? "interface" : (record ? "record " : "") + (type.IsValueType ? "struct" : record ? "" : "class");
        kind = kind.TrimEnd();
        string modifiers = type.IsInterface || type.IsValueType ? ""
            : type.IsAbstract && type.IsSealed ? "static "
            : type.IsAbstract ? "abstract " : type.IsSealed ? "sealed " : "";
        var bases = new List<string>();
        if (type.BaseType is { } b && b != typeof(object) && b != typeof(ValueType)) bases.Add(Name(b));
        var inherited = type.BaseType?.GetInterfaces() ?? [];
        bases.AddRange(type.GetInterfaces().Where(i => (i.IsPublic || i.IsNestedPublic) && !inherited.Contains(i))
            .Where(i => !(record && i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEquatable<>))).Select(i => Name(i)));
        return $"public {modifiers}{kind} {name}" + (bases.Count > 0 ? " : " + string.Join(", ", bases) : "");
    }

    public static string GenericName(Type type) =>
        type.IsGenericTypeDefinition ? type.Name[..type.Name.IndexOf('`')] + "<" + string.Join(", ", type.GetGenericArguments().Select(a => a.Name)) + ">" : type.Name;

    private static readonly NullabilityInfoContext Context = new();

    /// <summary>The declaration of a member, e.g. <c>public void Backward(Tensor? gradient = null, ...)</c>.</summary>
    public static string Declaration(MemberInfo member)
    {
        switch (member)
        {
            case ConstructorInfo c:
                return $"public {GenericName(c.DeclaringType!).Split('<')[0]}({Parameters(c)})";
            case MethodInfo m:
            {
                string returns = Name(m.ReturnType, Context.Create(m.ReturnParameter), TupleNames(m.ReturnParameter));
                string name = m.Name switch
                {
                    "op_Implicit" => "implicit operator " + returns, "op_Explicit" => "explicit operator " + returns,
                    _ when m.IsSpecialName && m.Name.StartsWith("op_", StringComparison.Ordinal) => returns + " operator " + Operator(m.Name),
                    _ => returns + " " + m.Name,
                };
                if (m.IsGenericMethodDefinition) name += "<" + string.Join(", ", m.GetGenericArguments().Select(a => a.Name)) + ">";
                return $"{Access(m)}{MethodModifiers(m)}{name}({Parameters(m)})";
            }
            case PropertyInfo p:
            {
                var get = p.GetMethod is { } g && (g.IsPublic || g.IsFamily || g.IsFamilyOrAssembly) ? g : null;
                var set = p.SetMethod is { } s && (s.IsPublic || s.IsFamily || s.IsFamilyOrAssembly) ? s : null;
                var accessor = (get ?? set)!;
                bool init = set?.ReturnParameter.GetRequiredCustomModifiers().Any(t => t.FullName == "System.Runtime.CompilerServices.IsExternalInit") == true;
                string name = p.GetIndexParameters() is { Length: > 0 } index ? "this[" + string.Join(", ", index.Select(Parameter)) + "]" : p.Name;
                string accessors = (get is null ? "" : "get; ") + (set is null ? "" : init ? "init; " : "set; ");
                return $"{Access(accessor)}{MethodModifiers(accessor)}{Name(p.PropertyType, Context.Create(p), TupleNames(p))} {name} {{ {accessors}}}";
            }
            case FieldInfo f:
                if (f.DeclaringType!.IsEnum) return f.Name + " = " + Convert.ToString(f.GetRawConstantValue(), CultureInfo.InvariantCulture);
                return $"public {(f.IsLiteral ? "const " : f.IsStatic ? "static " : "")}{(f.IsInitOnly ? "readonly " : "")}{Name(f.FieldType, Context.Create(f))} {f.Name}" +
                       (f.IsLiteral ? " = " + Literal(f.GetRawConstantValue(), f.FieldType) : "");
            case EventInfo e:
                return $"public event {Name(e.EventHandlerType!, Context.Create(e))} {e.Name}";
            default:
                throw new NotSupportedException(member.GetType().Name);
        }
    }

    private static string Access(MethodBase m) => m.IsPublic ? "public " : "protected ";

    private static string MethodModifiers(MethodInfo m)
    {
        if (m.IsStatic) return "static ";
        if (m.DeclaringType!.IsInterface) return "";
        if (m.IsAbstract) return "abstract ";
        if (m.IsVirtual && !m.IsFinal) return m.GetBaseDefinition() != m ? "override " : "virtual ";
        if (m.IsVirtual && m.GetBaseDefinition() != m) return "sealed override ";
        return "";
    }

    public static string Parameters(MethodBase method)
    {
        var parameters = method.GetParameters();
        bool extension = method.IsDefined(typeof(ExtensionAttribute), false);
        return string.Join(", ", parameters.Select((p, i) => (i == 0 && extension ? "this " : "") + Parameter(p)));
    }

    private static string Parameter(ParameterInfo p)
    {
        string prefix = p.IsDefined(typeof(ParamArrayAttribute), false) ? "params "
            : p.ParameterType.IsByRef ? (p.IsOut ? "out " : p.IsIn ? "in " : "ref ") : "";
        string text = prefix + Name(p.ParameterType, Context.Create(p), TupleNames(p)) + " " + p.Name;
        if (p.HasDefaultValue) text += " = " + Literal(p.RawDefaultValue, p.ParameterType);
        return text;
    }

    private static List<string>? TupleNames(ICustomAttributeProvider provider) =>
        provider.GetCustomAttributes(typeof(TupleElementNamesAttribute), false).OfType<TupleElementNamesAttribute>().FirstOrDefault()?.TransformNames.Select(n => n!).ToList();

    private static string Literal(object? value, Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return value switch
        {
            null or DBNull => t.IsValueType && Nullable.GetUnderlyingType(type) is null ? "default" : "null",
            bool b => b ? "true" : "false",
            string s => "\"" + s + "\"",
            char c => "'" + c + "'",
            _ when t.IsEnum => Name(t) + "." + Enum.GetName(t, value),
            double d => d.ToString("R", CultureInfo.InvariantCulture) + (d % 1 == 0 && !double.IsInfinity(d) ? ".0" : ""),
            float f => f.ToString("R", CultureInfo.InvariantCulture) + "f",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
    }

    private static string Operator(string name) => name switch
    {
        "op_Addition" => "+", "op_Subtraction" => "-", "op_Multiply" => "*", "op_Division" => "/", "op_Modulus" => "%",
        "op_UnaryNegation" => "-", "op_UnaryPlus" => "+", "op_Equality" => "==", "op_Inequality" => "!=",
        "op_LessThan" => "<", "op_GreaterThan" => ">", "op_LessThanOrEqual" => "<=", "op_GreaterThanOrEqual" => ">=",
        "op_BitwiseAnd" => "&", "op_BitwiseOr" => "|", "op_ExclusiveOr" => "^", "op_LogicalNot" => "!",
        _ => name,
    };
}
