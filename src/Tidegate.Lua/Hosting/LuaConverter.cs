using System.Collections;
using System.Text;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Hosting;

/// <summary>
/// Converts between .NET values and Lua values for the embedding API.
/// <list type="bullet">
/// <item>.NET → Lua: null → nil; bool; every numeric type (and enums) → number; string and char → a
/// UTF-8 Lua string; byte[] → a Lua string of exactly those bytes; Lua objects and <see cref="LuaValue"/>
/// as they are; delegates → callable functions; dictionaries → tables; other sequences → array tables
/// (1..n); anything else → a userdata holding the object.</item>
/// <item>Lua → .NET: by the requested type (numbers as any numeric type, strings as string or byte[],
/// tables as dictionaries, lists or arrays, userdata as the object it holds), or, for <c>object</c>, the
/// natural type: null, bool, double, string, or the Lua object itself (LuaTable, LuaFunction, ...).</item>
/// </list>
/// A value that cannot be converted raises a Lua error worded as Lua's argument errors.
/// </summary>
public static class LuaConverter
{
    public static LuaValue ToLua(object? value) => value switch
    {
        null => LuaValue.Nil,
        LuaValue v => v,
        bool b => LuaValue.FromBoolean(b),
        double d => LuaValue.FromNumber(d),
        int i => LuaValue.FromNumber(i),
        long l => LuaValue.FromNumber(l),
        float f => LuaValue.FromNumber(f),
        string s => LuaString.FromUtf8(s),
        LuaString s => s,
        LuaTable t => t,
        LuaFunction f => f,
        LuaUserdata u => u,
        LuaThread t => t,
        byte[] bytes => LuaString.FromBytes(bytes),
        char c => LuaString.FromUtf8(c.ToString()),
        short or ushort or byte or sbyte or uint or ulong or decimal => LuaValue.FromNumber(Convert.ToDouble(value)),
        Enum e => LuaValue.FromNumber(Convert.ToDouble(e)),
        Delegate d => DelegateFunction.Create(d.Method.Name.Contains('<') ? "?" : d.Method.Name, d), // lambdas have no name of their own
        IDictionary dictionary => ToTable(dictionary),
        IEnumerable sequence => ToArrayTable(sequence),
        _ => new LuaUserdata(value),
    };

    /// <summary>A typed conversion that avoids boxing for the common value types.</summary>
    public static LuaValue ToLua<T>(T value)
    {
        if (typeof(T) == typeof(double)) return LuaValue.FromNumber((double)(object)value!);
        if (typeof(T) == typeof(int)) return LuaValue.FromNumber((int)(object)value!);
        if (typeof(T) == typeof(long)) return LuaValue.FromNumber((long)(object)value!);
        if (typeof(T) == typeof(bool)) return LuaValue.FromBoolean((bool)(object)value!);
        if (typeof(T) == typeof(LuaValue)) return (LuaValue)(object)value!;
        return ToLua((object?)value);
    }

    private static LuaTable ToTable(IDictionary dictionary)
    {
        var t = new LuaTable(0, dictionary.Count);
        foreach (DictionaryEntry e in dictionary)
        {
            var key = ToLua(e.Key);
            if (key.IsNil || (key.IsNumber && double.IsNaN(key.Number))) continue; // not representable as a key
            t.Set(key, ToLua(e.Value));
        }
        return t;
    }

    private static LuaTable ToArrayTable(IEnumerable sequence)
    {
        var t = new LuaTable(sequence is ICollection c ? c.Count : 0, 0);
        int i = 1;
        foreach (var item in sequence) t.Set(i++, ToLua(item));
        return t;
    }

    /// <summary>The natural .NET value of a Lua value (what <c>object</c> receives).</summary>
    public static object? ToClr(in LuaValue value) => value.Ref switch
    {
        null => null,
        LuaString s => s.ToString(),
        LuaUserdata { Value: { } held } => held,
        _ when value.IsNumber => value.Number,
        _ when value.IsBoolean => value.AsBoolean,
        _ => value.Ref,
    };

    /// <summary>Converts to <typeparamref name="T"/>; <paramref name="argument"/> (0-based) names the value in errors, -1 for none.</summary>
    public static T To<T>(LuaThread? thread, in LuaValue value, int argument = -1, string? functionName = null, bool present = true)
    {
        if (typeof(T) == typeof(double)) return (T)(object)CheckNumber(thread, value, argument, functionName, present);
        if (typeof(T) == typeof(int)) return (T)(object)LuaNumber.ToInt32(CheckNumber(thread, value, argument, functionName, present));
        if (typeof(T) == typeof(long)) return (T)(object)(long)CheckNumber(thread, value, argument, functionName, present);
        if (typeof(T) == typeof(bool)) return (T)(object)value.IsTruthy;
        if (typeof(T) == typeof(LuaValue)) return (T)(object)value;
        return (T)To(thread, value, typeof(T), argument, functionName, present)!;
    }

    /// <summary>Converts to <paramref name="type"/>; see <see cref="To{T}"/>.</summary>
    public static object? To(LuaThread? thread, in LuaValue value, Type type, int argument = -1, string? functionName = null, bool present = true)
    {
        if (type == typeof(LuaValue)) return value;
        if (type == typeof(object)) return ToClr(value);
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            if (value.IsNil) return null;
            type = underlying;
        }
        if (type == typeof(bool)) return value.IsTruthy;
        if (type == typeof(double)) return CheckNumber(thread, value, argument, functionName, present);
        if (type == typeof(int)) return LuaNumber.ToInt32(CheckNumber(thread, value, argument, functionName, present));
        if (type == typeof(long)) return (long)CheckNumber(thread, value, argument, functionName, present);
        if (type.IsPrimitive || type == typeof(decimal))
            return Convert.ChangeType(CheckNumber(thread, value, argument, functionName, present), type, System.Globalization.CultureInfo.InvariantCulture);
        if (type.IsEnum) return Enum.ToObject(type, (long)CheckNumber(thread, value, argument, functionName, present));

        // Reference types accept nil as null.
        if (value.IsNil && !type.IsValueType) return null;
        if (type == typeof(string)) return CheckString(thread, value, argument, functionName, present).ToString();
        if (type == typeof(byte[])) return CheckString(thread, value, argument, functionName, present).Span.ToArray();
        if (type == typeof(LuaString)) return CheckString(thread, value, argument, functionName, present);
        if (type.IsInstanceOfType(value.Ref)) return value.Ref; // LuaTable, LuaFunction, LuaUserdata, LuaThread
        if (value.Ref is LuaUserdata { Value: { } held } && type.IsInstanceOfType(held)) return held;
        if (value.Ref is LuaTable table)
        {
            if (type.IsArray && type.GetArrayRank() == 1) return ToArray(thread, table, type.GetElementType()!, argument, functionName);
            if (type.IsGenericType)
            {
                var definition = type.GetGenericTypeDefinition();
                var typeArgs = type.GetGenericArguments();
                if (definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>))
                    return ToDictionary(thread, table, typeArgs[0], typeArgs[1], argument, functionName);
                if (definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(IEnumerable<>))
                    return ToList(thread, table, typeArgs[0], argument, functionName);
            }
        }
        throw Mismatch(thread, value, FriendlyName(type), argument, functionName, present);
    }

    private static Array ToArray(LuaThread? thread, LuaTable table, Type element, int argument, string? functionName)
    {
        int n = table.Length();
        var array = Array.CreateInstance(element, n);
        for (int i = 0; i < n; i++) array.SetValue(To(thread, table.Get(i + 1), element, argument, functionName), i);
        return array;
    }

    private static object ToList(LuaThread? thread, LuaTable table, Type element, int argument, string? functionName)
    {
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
        int n = table.Length();
        for (int i = 1; i <= n; i++) list.Add(To(thread, table.Get(i), element, argument, functionName));
        return list;
    }

    private static object ToDictionary(LuaThread? thread, LuaTable table, Type keyType, Type valueType, int argument, string? functionName)
    {
        var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(keyType, valueType))!;
        var key = LuaValue.Nil;
        while (table.Next(ref key, out var v))
            dictionary[To(thread, key, keyType, argument, functionName)!] = To(thread, v, valueType, argument, functionName);
        return dictionary;
    }

    private static double CheckNumber(LuaThread? thread, in LuaValue value, int argument, string? functionName, bool present)
    {
        if (value.IsNumber) return value.Number;
        if (value.Ref is LuaString s && LuaNumber.TryParse(s.Span, out double d)) return d;
        throw Mismatch(thread, value, "number", argument, functionName, present);
    }

    private static LuaString CheckString(LuaThread? thread, in LuaValue value, int argument, string? functionName, bool present)
    {
        if (value.Ref is LuaString s) return s;
        if (value.IsNumber) return LuaNumber.ToLuaString(value.Number);
        throw Mismatch(thread, value, "string", argument, functionName, present);
    }

    /// <summary>Lua's wording: "bad argument #1 to 'f' (number expected, got table)", "got no value" for a missing argument.</summary>
    private static LuaException Mismatch(LuaThread? thread, in LuaValue value, string expected, int argument, string? functionName, bool present)
    {
        string got = present ? value.TypeName : "no value";
        string message = argument >= 0
            ? $"bad argument #{argument + 1} to '{functionName ?? "?"}' ({expected} expected, got {got})"
            : $"{expected} expected, got {got}";
        return thread is null ? new LuaException(message) : thread.RuntimeError(message);
    }

    private static string FriendlyName(Type type)
    {
        if (type.IsArray || (type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type))) return "table";
        return type.Name;
    }

    /// <summary>UTF-8 decoding of a Lua string, for callers that want text.</summary>
    public static string ToText(LuaString s) => Encoding.UTF8.GetString(s.Span);
}
