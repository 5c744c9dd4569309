using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library;

/// <summary>
/// LuaJIT 2.1's <c>string.buffer</c> module (lib_buffer.c), loaded with <c>require "string.buffer"</c>:
/// <c>new</c>, <c>encode</c>, <c>decode</c>, and buffer objects — userdata whose metatable (protected as
/// "buffer") is also their method table — with put, putf, set, reset, free, get, skip, tostring, encode,
/// decode, commit, <c>#buf</c>, <c>tostring(buf)</c> and <c>buf .. x</c>. Writers return the buffer for
/// chaining. Arguments are checked as LuaJIT checks them (lengths are numbers, never strings) with its
/// messages. The methods that hand out raw memory as FFI cdata (reserve, ref, putcdata with cdata) fail
/// with an error naming them: Tidegate has no ffi yet. See <see cref="StringBufferSerializer"/> for the
/// encoding.
/// </summary>
public static class StringBufferLibrary
{
    /// <summary>Adds the module to package.preload, as LuaJIT preloads it.</summary>
    public static void Register(LuaState state)
    {
        if (state.Globals["package"].Ref is LuaTable package && package["preload"].Ref is LuaTable preload)
            preload["string.buffer"] = new HostFunction("loader", call => call.Return(CreateModule()));
    }

    /// <summary>A fresh module table with its own buffer metatable.</summary>
    public static LuaTable CreateModule()
    {
        var methods = new LuaTable(0, 24);
        void Method(string name, HostFunctionBody body) => methods[name] = new HostFunction(name, body);
        Method("free", Free);
        Method("reset", Reset);
        Method("skip", Skip);
        Method("set", Set);
        Method("put", Put);
        Method("putf", PutF);
        Method("get", Get);
        Method("putcdata", PutCData);
        Method("reserve", call => throw NeedsFfi(call, "reserve"));
        Method("commit", Commit);
        Method("ref", call => throw NeedsFfi(call, "ref"));
        Method("encode", EncodeMethod);
        Method("decode", DecodeMethod);
        Method("__gc", call => { CheckBuffer(call).Free(); return 0; });
        Method("__tostring", ToString);
        Method("__len", call => call.Return(CheckBuffer(call).Length));
        // LuaJIT's concatenation knows buffers natively; here the metamethod does the same job.
        Method("__concat", Concat);
        methods["tostring"] = methods["__tostring"];
        methods["__metatable"] = (LuaString)"buffer";
        methods["__index"] = methods;

        var module = new LuaTable(0, 4);
        module["new"] = new HostFunction("new", call => New(call, methods));
        module["encode"] = new HostFunction("encode", EncodeFunction);
        module["decode"] = new HostFunction("decode", DecodeFunction);
        return module;
    }

    /// <summary>The buffer object behind a Lua value, or null.</summary>
    public static StringBuffer? AsBuffer(in LuaValue v) => v.Ref is LuaUserdata { Value: StringBuffer b } ? b : null;

    // ---- buffer.new([size][, options]) ----

    private static int New(LuaCall call, LuaTable metatable)
    {
        int size = 0;
        int optionsArg = 0;
        if (call.Count > 0 && !call[0].IsTable)
        {
            optionsArg = 1;
            if (!call[0].IsNil) size = CheckLength(call, 0);
        }
        StringBufferDictionary<LuaString>? strings = null;
        StringBufferDictionary<LuaTable>? metatables = null;
        if (optionsArg < call.Count)
        {
            var options = call.CheckTable(optionsArg);
            if (options["dict"].Ref is LuaTable dict)
                strings = ReadDictionary<LuaString>(call, dict, EqualityComparer<LuaString>.Default);
            if (options["metatable"].Ref is LuaTable mts)
                metatables = ReadDictionary<LuaTable>(call, mts, ReferenceEqualityComparer.Instance);
        }
        var buffer = new StringBuffer(size) { Strings = strings, Metatables = metatables };
        return call.Return(new LuaUserdata(buffer, metatable));
    }

    /// <summary>An options dictionary: the array part's values, each of type T or false (a placeholder).</summary>
    private static StringBufferDictionary<T> ReadDictionary<T>(LuaCall call, LuaTable source, IEqualityComparer<T> comparer) where T : class
    {
        var dictionary = new StringBufferDictionary<T>(comparer);
        int n = source.Length();
        for (int i = 1; i <= n; i++)
        {
            var v = source.Get(i);
            if (v.Ref is T entry) dictionary.Add(entry);
            else if (v.IsBoolean && !v.AsBoolean) dictionary.Add(null);
            else throw call.Thread.RuntimeError("bad options table");
        }
        return dictionary;
    }

    // ---- buffer.encode / buffer.decode ----

    private static int EncodeFunction(LuaCall call)
    {
        var value = call.CheckAny(0);
        try
        {
            return call.Return(StringBufferSerializer.Encode(value));
        }
        catch (StringBufferFormatException e)
        {
            throw e.WithPosition(call.Thread);
        }
    }

    private static int DecodeFunction(LuaCall call)
    {
        var input = StrictString(call, 0);
        try
        {
            return call.Return(StringBufferSerializer.DecodeAll(input.Span, FfiLoaded(call.State)));
        }
        catch (StringBufferFormatException e)
        {
            throw e.WithPosition(call.Thread);
        }
    }

    // ---- methods ----

    private static StringBuffer CheckBuffer(LuaCall call) => AsBuffer(call[0]) ?? throw call.TypeError(0, "buffer");

    private static int Chain(LuaCall call) => call.Return(call[0]);

    private static int Free(LuaCall call)
    {
        CheckBuffer(call).Free();
        return Chain(call);
    }

    private static int Reset(LuaCall call)
    {
        CheckBuffer(call).Reset();
        return Chain(call);
    }

    private static int Skip(LuaCall call)
    {
        var buffer = CheckBuffer(call);
        buffer.Skip(CheckLength(call, 1));
        return Chain(call);
    }

    private static int Set(LuaCall call)
    {
        var buffer = CheckBuffer(call);
        if (call[1].TypeName == "cdata") throw NeedsFfi(call, "set");
        buffer.Set(StrictString(call, 1));
        return Chain(call);
    }

    /// <summary>put(...): strings, numbers (as %.14g), other buffers' contents, and anything with __tostring.</summary>
    private static int Put(LuaCall call)
    {
        var buffer = CheckBuffer(call);
        Span<byte> digits = stackalloc byte[LuaNumber.MaxFormattedLength];
        for (int i = 1; i < call.Count; i++)
        {
            var v = call[i];
            bool converted = false;
            while (true)
            {
                if (v.Ref is LuaString s) buffer.Append(s.Span);
                else if (v.IsNumber) buffer.Append(digits[..LuaNumber.Format(v.Number, digits)]);
                else if (AsBuffer(v) is { } other)
                {
                    if (ReferenceEquals(other, buffer)) throw call.ArgError(i, "cannot put buffer into itself");
                    buffer.Append(other.Span);
                }
                else if (!converted && LuaOps.GetMetaMethod(call.State, v, MetaEvent.ToString) is { IsNil: false } handler)
                {
                    // As LuaJIT: __tostring is called once and its result put as if it had been the argument.
                    v = call.Thread.Call1(handler, v);
                    converted = true;
                    continue;
                }
                else throw call.ArgError(i, "string/number/__tostring expected, got " + v.TypeName);
                break;
            }
        }
        return Chain(call);
    }

    /// <summary>putf(format, ...): string.format's output, appended.</summary>
    private static int PutF(LuaCall call)
    {
        var buffer = CheckBuffer(call);
        // string.format reads its format at argument 0: hand it the arguments after self.
        LuaString formatted;
        try
        {
            formatted = StringFormat.Format(new LuaCall(call.Thread, call.Base + 1, call.Count - 1, call.Function));
        }
        catch (LuaException e) when (e.Value.Ref is LuaString message)
        {
            throw RenumberArgumentError(message.ToString(), call.FunctionName) ?? e;
        }
        buffer.Append(formatted.Span);
        return Chain(call);
    }

    private static readonly System.Text.RegularExpressions.Regex ShiftedArgumentError =
        new(@"^(.*?)(?:bad argument #(\d+) to '([^']*)'|calling '([^']*)' on bad self) \(", System.Text.RegularExpressions.RegexOptions.Singleline);

    /// <summary>
    /// string.format numbered its arguments from the format, one lower than putf's (self comes first), and
    /// a method call's "bad self" is really putf's first argument after self: renumber as LuaJIT reports it.
    /// Returns null for an error that is not about putf's arguments.
    /// </summary>
    private static LuaException? RenumberArgumentError(string message, string functionName)
    {
        var m = ShiftedArgumentError.Match(message);
        if (!m.Success) return null;
        int number = m.Groups[2].Success ? int.Parse(m.Groups[2].Value) + 1 : 1;
        string name = m.Groups[3].Success ? m.Groups[3].Value : m.Groups[4].Value;
        // Only putf's own argument errors; an error from a __tostring called by the formatting stays as it is.
        if (name != functionName) return null;
        return new LuaException(LuaString.FromUtf8($"{m.Groups[1].Value}bad argument #{number} to '{name}' ({message[m.Length..]}"));
    }

    /// <summary>get([len|nil, ...]): one string per argument, each up to len bytes (nil: all the rest).</summary>
    private static int Get(LuaCall call)
    {
        var buffer = CheckBuffer(call);
        if (call.Count <= 2)
        {
            // get() / get(n): one result, no array.
            var one = buffer.Take(call[1].IsNil ? StringBuffer.MaxLength : CheckLength(call, 1));
            buffer.CompactIfEmpty();
            return call.Return(one);
        }
        int count = call.Count - 1;
        var results = new LuaValue[count];
        for (int i = 0; i < count; i++)
        {
            int n = call[i + 1].IsNil ? StringBuffer.MaxLength : CheckLength(call, i + 1);
            results[i] = buffer.Take(n);
        }
        buffer.CompactIfEmpty();
        return call.Return(results);
    }

    private static int PutCData(LuaCall call)
    {
        CheckBuffer(call);
        if (call[1].TypeName == "cdata") throw NeedsFfi(call, "putcdata");
        throw call.TypeError(1, "cdata");
    }

    /// <summary>commit(n): appends n bytes of the space made free by reserve (or by new(size)).</summary>
    private static int Commit(LuaCall call)
    {
        var buffer = CheckBuffer(call);
        int n = CheckLength(call, 1);
        if (n > buffer.FreeSpace) throw call.ArgError(1, "number out of range");
        buffer.Commit(n);
        return Chain(call);
    }

    private static int EncodeMethod(LuaCall call)
    {
        var buffer = CheckBuffer(call);
        var value = call.CheckAny(1);
        try
        {
            StringBufferSerializer.Encode(buffer, value);
        }
        catch (StringBufferFormatException e)
        {
            throw e.WithPosition(call.Thread);
        }
        return Chain(call);
    }

    /// <summary>decode(): takes one encoded value from the front; on an error the buffer is left as it was.</summary>
    private static int DecodeMethod(LuaCall call)
    {
        var buffer = CheckBuffer(call);
        int used;
        LuaValue value;
        try
        {
            used = StringBufferSerializer.Decode(buffer.Span, out value, buffer.Strings, buffer.Metatables, FfiLoaded(call.State));
        }
        catch (StringBufferFormatException e)
        {
            throw e.WithPosition(call.Thread);
        }
        buffer.Consume(used);
        return call.Return(value);
    }

    private static int ToString(LuaCall call) => call.Return(LuaString.FromBytes(CheckBuffer(call).Span));

    /// <summary>a .. b where either is a buffer: both sides as strings (buffers by their contents).</summary>
    private static int Concat(LuaCall call)
    {
        var sb = new LuaStringBuilder(call.Thread);
        Span<byte> digits = stackalloc byte[LuaNumber.MaxFormattedLength];
        for (int i = 0; i < 2; i++)
        {
            var v = call[i];
            if (v.Ref is LuaString s) sb.Append(s.Span);
            else if (v.IsNumber) sb.Append(digits[..LuaNumber.Format(v.Number, digits)]);
            else if (AsBuffer(v) is { } buffer) sb.Append(buffer.Span);
            else
            {
                // LuaJIT blames the left operand unless it is a string or number (a buffer counts as bad
                // there); the operand's variable name is not known to a metamethod.
                var blamed = call[0].IsString || call[0].IsNumber ? call[1] : call[0];
                throw call.Thread.RuntimeError($"attempt to concatenate a {blamed.TypeName} value");
            }
        }
        return call.Return(sb.ToLuaString());
    }

    /// <summary>Whether <c>require "ffi"</c> has run: LuaJIT makes cdata from the format only then.</summary>
    public static bool FfiLoaded(LuaState state) =>
        state.Globals["package"].Ref is LuaTable package && package["loaded"].Ref is LuaTable loaded && !loaded["ffi"].IsNil;

    // ---- argument checks as lib_buffer.c makes them ----

    /// <summary>lj_lib_checkintrange(0, LJ_MAX_BUF): a number (not a string), truncated; out of range is an error.</summary>
    private static int CheckLength(LuaCall call, int i)
    {
        var v = call[i];
        if (!v.IsNumber) throw call.TypeError(i, "number");
        double d = Math.Truncate(v.Number);
        if (!(d >= 0 && d <= StringBuffer.MaxLength)) throw call.ArgError(i, "number out of range");
        return (int)d;
    }

    /// <summary>A string argument with no number coercion, as lj_lib_checkstrx in these functions.</summary>
    private static LuaString StrictString(LuaCall call, int i) => call[i].Ref as LuaString ?? throw call.TypeError(i, "string");

    private static LuaException NeedsFfi(LuaCall call, string method) =>
        call.Thread.RuntimeError($"string.buffer method '{method}' is not supported: it works on FFI cdata, and Tidegate has no ffi library yet");
}
