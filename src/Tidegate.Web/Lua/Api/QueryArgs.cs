using Tidegate.Lua.Runtime;

namespace Tidegate.Web.Lua.Api;

/// <summary>
/// ngx.encode_args and ngx.decode_args as ngx_lua 0.10.23's C functions: keys and values escaped as
/// URI components, booleans and lists as ngx_lua spells them, nginx's argument splitting rules.
/// </summary>
internal static class QueryArgs
{
    public const int DefaultMaxArgs = 100;
    private static readonly LuaString Truncated = "truncated";

    public static int Encode(LuaCall call)
    {
        if (call.Count != 1) throw NgxArgs.CError(call.Thread, $"expecting 1 argument but seen {call.Count}");
        var table = call.CheckTable(0);
        return call.Return(Encode(call.Thread, table));
    }

    /// <summary>
    /// Builds the query string in the table's iteration order: a string or number value gives
    /// key=value, true gives the bare key, false nothing, a table one piece per element (its
    /// values in iteration order, keys ignored), anything else is an error.
    /// </summary>
    public static LuaString Encode(LuaThread thread, LuaTable table)
    {
        var output = new List<byte>();
        LuaValue key = LuaValue.Nil;
        while (table.Next(ref key, out var value))
        {
            if (key.Ref is not LuaString name)
                throw NgxArgs.CError(thread, "attempt to use a non-string key in the \"args\" option table");
            if (value.Ref is LuaTable list)
            {
                LuaValue index = LuaValue.Nil;
                while (list.Next(ref index, out var element)) AppendPair(thread, output, name, element);
            }
            else AppendPair(thread, output, name, value);
        }
        return output.Count == 0 ? LuaString.Empty : new LuaString(output.ToArray());
    }

    private static void AppendPair(LuaThread thread, List<byte> output, LuaString name, in LuaValue value)
    {
        LuaString? text = value.Ref as LuaString ?? (value.IsNumber ? LuaNumber.ToLuaString(value.Number) : null);
        if (text is null)
        {
            if (!value.IsBoolean) throw NgxArgs.CError(thread, $"attempt to use {value.TypeName} as query arg value");
            if (!value.AsBoolean) return;
        }
        if (output.Count > 0) output.Add((byte)'&');
        UriEscaping.AppendEscaped(output, name.Span, UriEscaping.UriComponent);
        if (text is null) return;
        output.Add((byte)'=');
        UriEscaping.AppendEscaped(output, text.Span, UriEscaping.UriComponent);
    }

    public static int Decode(LuaCall call)
    {
        if (call.Count is not (1 or 2)) throw NgxArgs.CError(call.Thread, $"expecting 1 or 2 arguments but seen {call.Count}");
        var args = call.CheckString(0);
        int max = call.Count == 2 ? call.CheckInt(1) : DefaultMaxArgs;
        var result = new LuaTable();
        bool truncated = Decode(args.Span, max, result);
        return truncated ? call.Return(result, Truncated) : call.Return(result);
    }

    /// <summary>
    /// Splits on '&' and the first '=' of each piece; each piece (even an empty one) counts towards
    /// <paramref name="max"/> (0 or less: no limit). A piece without '=' is true; an empty key is
    /// skipped; a repeated key collects its values in a list. Returns true when stopped by max.
    /// </summary>
    public static bool Decode(ReadOnlySpan<byte> args, int max, LuaTable result)
    {
        int count = 0;
        int start = 0;
        while (true)
        {
            int end = args[start..].IndexOf((byte)'&');
            bool last = end < 0;
            var piece = last ? args[start..] : args.Slice(start, end);
            if (last && piece.IsEmpty && start > 0) break;
            if (last && piece.IsEmpty) break;
            int eq = piece.IndexOf((byte)'=');
            var key = UriEscaping.Unescape(eq < 0 ? piece : piece[..eq]);
            if (key.Length > 0)
            {
                LuaValue value = eq < 0 ? LuaValue.True : new LuaString(UriEscaping.Unescape(piece[(eq + 1)..]));
                AddValue(result, new LuaString(key), value);
            }
            if (last) break;
            start += end + 1;
            if (max > 0 && ++count == max) return true;
        }
        return false;
    }

    private static void AddValue(LuaTable result, LuaString key, LuaValue value)
    {
        var existing = result.Get(key);
        if (existing.IsNil) result.Set(key, value);
        else if (existing.Ref is LuaTable list) list.Set(list.Length() + 1, value);
        else
        {
            var values = new LuaTable(4, 0);
            values.Set(1, existing);
            values.Set(2, value);
            result.Set(key, values);
        }
    }
}
