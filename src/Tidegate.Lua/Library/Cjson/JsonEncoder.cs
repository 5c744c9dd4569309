using System.Runtime.CompilerServices;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library.Cjson;

/// <summary>
/// Lua value → JSON text, as lua-cjson's json_append_data and friends: strings escaped byte by byte (control
/// characters, '"', '\\', '/' and DEL; bytes ≥ 0x80 pass as they are), numbers as %.14g (see
/// <see cref="JsonNumberFormatter"/>), tables as arrays when every key is a positive integer (holes become
/// null, subject to the sparse-array rules) and as objects otherwise. Tables are read raw: metamethods are
/// never called, so an encode runs no Lua code.
/// </summary>
internal sealed class JsonEncoder
{
    /// <summary>
    /// LuaJIT's LUAI_MAXCSTACK: lua-cjson asks lua_checkstack for room at each nesting level, and past this
    /// many slots in its C frame the answer is no. Counting the slots it would hold reproduces where
    /// luajit reports "excessive nesting" when encode_max_depth is set very high.
    /// </summary>
    private const int LuaCStackLimit = 8000;

    private readonly CjsonConfig _config;
    private readonly JsonOutput _out;
    private readonly bool _openResty;
    private readonly byte[]?[] _escapes;
    private int _slots = 1; // the argument

    private JsonEncoder(CjsonConfig config, JsonOutput output)
    {
        _config = config;
        _out = output;
        _openResty = config.Flavor == CjsonFlavor.OpenResty;
        _escapes = _openResty && !config.Shared.EscapeForwardSlash ? EscapesWithoutSlash : Escapes;
    }

    /// <summary>Encodes <paramref name="value"/>; throws <see cref="JsonException"/> with lua-cjson's message.</summary>
    public static LuaString Encode(CjsonConfig config, in LuaValue value)
    {
        JsonOutput output;
        if (config.EncodeKeepBuffer != 0)
        {
            output = config.KeptBuffer ??= new JsonOutput();
            output.Reset();
        }
        else output = new JsonOutput();
        new JsonEncoder(config, output).AppendValue(value, 0);
        return LuaString.FromBytes(output.Written);
    }

    private void AppendValue(in LuaValue v, int depth)
    {
        switch (v.Ref)
        {
            case LuaString s:
                AppendString(s.Span);
                return;
            case null:
                _out.Append("null"u8);
                return;
            case LuaTable t:
                AppendTable(t, depth + 1);
                return;
            case LuaUserdata u when ReferenceEquals(u, LuaUserdata.NullLightUserdata):
                _out.Append("null"u8);
                return;
            case LuaUserdata u when _openResty && ReferenceEquals(u, CjsonStateObjects.EmptyArray):
                _out.Append("[]"u8);
                return;
        }
        if (v.IsNumber) AppendNumber(v.Number, v);
        else if (v.IsBoolean) _out.Append(v.AsBoolean ? "true"u8 : "false"u8);
        else throw Unsupported(v, "type not supported");
    }

    private void AppendTable(LuaTable t, int depth)
    {
        // json_check_encode_depth: the configured limit first, then room on the Lua (and here .NET) stack.
        if (depth > _config.EncodeMaxDepth || _slots + 3 > LuaCStackLimit || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new JsonException($"Cannot serialise, excessive nesting ({depth})");

        var metatable = t.Metatable;
        if (_openResty && metatable is not null && ReferenceEquals(metatable, _config.Shared.ArrayMetatable))
        {
            // array_mt: an array of #t elements, whatever other keys the table has.
            AppendArray(t, t.Length(), depth);
            return;
        }

        int length = ArrayLength(t);
        if (length > 0 || (length == 0 && _openResty && _config.EncodeEmptyTableAsObject == 0))
            AppendArray(t, length, depth);
        else if (length == 0 && _openResty && metatable is not null && ReferenceEquals(metatable, _config.Shared.EmptyArrayMetatable))
            AppendArray(t, 0, depth);
        else
            AppendObject(t, depth);
    }

    /// <summary>
    /// lua_array_length: the highest key when every key is an integer ≥ 1, else -1 (an object). Too sparse
    /// an array is an error, or an object when encode_sparse_array converts. The highest key is held in a
    /// C int as lua-cjson holds it: a key of 2^31 or more stores INT_MIN (x86's conversion result).
    /// </summary>
    private int ArrayLength(LuaTable t)
    {
        int max = 0, items = 0;
        for (int cursor = t.NextAt(0, out var key, out _); cursor >= 0; cursor = t.NextAt(cursor, out key, out _))
        {
            if (key.IsNumber && key.Number != 0)
            {
                double k = key.Number;
                if (Math.Floor(k) == k && k >= 1)
                {
                    if (k > max) max = k >= 2147483648.0 ? int.MinValue : (int)k;
                    items++;
                    continue;
                }
            }
            return -1;
        }

        var c = _config;
        if (c.EncodeSparseRatio > 0 && max > unchecked(items * c.EncodeSparseRatio) && max > c.EncodeSparseSafe)
        {
            if (c.EncodeSparseConvert == 0) throw new JsonException("Cannot serialise table: excessively sparse array");
            return -1;
        }
        return max;
    }

    private void AppendArray(LuaTable t, int length, int depth)
    {
        _out.Append((byte)'[');
        _slots++; // the element, pushed by lua_rawgeti
        for (int i = 1; i <= length; i++)
        {
            if (i > 1) _out.Append((byte)',');
            AppendValue(t.Get(i), depth);
        }
        _slots--;
        _out.Append((byte)']');
    }

    private void AppendObject(LuaTable t, int depth)
    {
        _out.Append((byte)'{');
        _slots += 2; // key and value, left by lua_next
        bool comma = false;
        for (int cursor = t.NextAt(0, out var key, out var value); cursor >= 0; cursor = t.NextAt(cursor, out key, out value))
        {
            if (comma) _out.Append((byte)',');
            comma = true;
            if (key.IsNumber)
            {
                _out.Append((byte)'"');
                AppendNumber(key.Number, key);
                _out.Append("\":"u8);
            }
            else if (key.Ref is LuaString s)
            {
                AppendString(s.Span);
                _out.Append((byte)':');
            }
            else throw Unsupported(key, "table key must be a number or string");
            AppendValue(value, depth);
        }
        _slots -= 2;
        _out.Append((byte)'}');
    }

    private void AppendNumber(double n, in LuaValue original)
    {
        switch (_config.EncodeInvalidNumbers)
        {
            case 0:
                if (!double.IsFinite(n)) throw Unsupported(original, "must not be NaN or Inf");
                break;
            case 1:
                // lua-cjson writes NaN itself, since some C libraries print "-nan".
                if (double.IsNaN(n)) { _out.Append("nan"u8); return; }
                break;
            default:
                if (!double.IsFinite(n)) { _out.Append("null"u8); return; }
                break;
        }
        var room = _out.GetSpan(JsonNumberFormatter.MaxLength);
        _out.Commit(JsonNumberFormatter.Format(n, _config.EncodeNumberPrecision, room));
    }

    private void AppendString(ReadOnlySpan<byte> s)
    {
        var escapes = _escapes;
        var special = ReferenceEquals(escapes, Escapes) ? EscapedBytes : EscapedBytesWithoutSlash;
        if (s.Length > ShortString)
        {
            AppendLongString(s, escapes, special);
            return;
        }
        // Room for the worst case (every byte a \u00XX escape), as lua-cjson reserves it: then no checks.
        var room = _out.GetSpan(s.Length * 6 + 2);
        int o = 0;
        room[o++] = (byte)'"';
        // Short strings: a byte loop beats the setup of a vectorised search.
        for (int i = 0; i < s.Length; i++)
        {
            byte b = s[i];
            var escape = escapes[b];
            if (escape is null)
            {
                room[o++] = b;
                continue;
            }
            for (int k = 0; k < escape.Length; k++) room[o++] = escape[k];
        }
        room[o++] = (byte)'"';
        _out.Commit(o);
    }

    /// <summary>Strings above this length are written run by run instead of into a worst-case reservation.</summary>
    private const int ShortString = 256;

    private void AppendLongString(ReadOnlySpan<byte> s, byte[]?[] escapes, System.Buffers.SearchValues<byte> special)
    {
        _out.Append((byte)'"');
        while (true)
        {
            // Copy the run up to the next byte that needs an escape at once (vectorised search).
            int run = s.IndexOfAny(special);
            if (run < 0) break;
            _out.Append(s[..run]);
            _out.Append(escapes[s[run]]);
            s = s[(run + 1)..];
        }
        _out.Append(s);
        _out.Append((byte)'"');
    }

    private static JsonException Unsupported(in LuaValue v, string reason) => new($"Cannot serialise {v.TypeName}: {reason}");

    // ---- the escape table (lua-cjson's char2escape) ----

    private static readonly byte[]?[] Escapes = BuildEscapes(escapeSlash: true);
    private static readonly byte[]?[] EscapesWithoutSlash = BuildEscapes(escapeSlash: false);
    private static readonly System.Buffers.SearchValues<byte> EscapedBytes = EscapedSet(Escapes);
    private static readonly System.Buffers.SearchValues<byte> EscapedBytesWithoutSlash = EscapedSet(EscapesWithoutSlash);

    private static System.Buffers.SearchValues<byte> EscapedSet(byte[]?[] table) =>
        System.Buffers.SearchValues.Create(Enumerable.Range(0, 256).Where(b => table[b] is not null).Select(b => (byte)b).ToArray());

    private static byte[]?[] BuildEscapes(bool escapeSlash)
    {
        var table = new byte[]?[256];
        static byte[] Ascii(string s) => s.Select(c => (byte)c).ToArray();
        for (int c = 0; c < 0x20; c++) table[c] = Ascii($"\\u{c:x4}");
        table['\b'] = Ascii("\\b");
        table['\t'] = Ascii("\\t");
        table['\n'] = Ascii("\\n");
        table['\f'] = Ascii("\\f");
        table['\r'] = Ascii("\\r");
        table['"'] = Ascii("\\\"");
        table['\\'] = Ascii("\\\\");
        if (escapeSlash) table['/'] = Ascii("\\/");
        table[0x7f] = Ascii("\\u007f");
        return table;
    }
}
