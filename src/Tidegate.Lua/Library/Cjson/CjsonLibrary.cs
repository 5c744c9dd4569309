using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library.Cjson;

/// <summary>
/// The <c>cjson</c> and <c>cjson.safe</c> modules (lua-cjson, a C module in OpenResty), native: each module
/// table has its own settings (<see cref="CjsonConfig"/>), shared by its functions as lua-cjson shares one
/// config upvalue. Argument checks and messages are lua-cjson's. In <c>cjson.safe</c>, encode and decode
/// return <c>nil, message</c> instead of raising (but a wrong argument count still raises, as there).
/// </summary>
public static class CjsonLibrary
{
    /// <summary>Adds "cjson" and "cjson.safe" to package.preload, so require finds them as luajit finds lua-cjson.</summary>
    public static void Register(LuaState state, CjsonFlavor flavor = CjsonFlavor.LuaCjson21)
    {
        if (state.Globals["package"].Ref is not LuaTable package || package["preload"].Ref is not LuaTable preload) return;
        foreach (var (name, loader) in Loaders(flavor))
            preload[name] = loader;
    }

    /// <summary>The module names and their package.preload loaders, for hosts that register modules themselves.</summary>
    public static IEnumerable<(string Name, HostFunction Loader)> Loaders(CjsonFlavor flavor)
    {
        yield return ("cjson", new HostFunction("loader", call => call.Return(CreateModule(call.State, flavor, safe: false))));
        yield return ("cjson.safe", new HostFunction("loader", call => call.Return(CreateModule(call.State, flavor, safe: true))));
    }

    /// <summary>A fresh module table with default settings (what <c>cjson.new()</c> returns).</summary>
    public static LuaTable CreateModule(LuaState state, CjsonFlavor flavor, bool safe)
    {
        var config = new CjsonConfig(flavor, CjsonStateObjects.For(state));
        bool openResty = flavor == CjsonFlavor.OpenResty;
        var module = new LuaTable(0, 24);
        void Function(string name, HostFunctionBody body) => module[name] = new HostFunction(name, body);

        if (safe)
        {
            Function("encode", call => SafeEncode(call, config));
            Function("decode", call => SafeDecode(call, config));
        }
        else
        {
            Function("encode", call => Encode(call, config));
            Function("decode", call => Decode(call, config));
        }
        Function("encode_sparse_array", call => EncodeSparseArray(call, config));
        Function("encode_max_depth", call => IntegerSetting(call, ref config.EncodeMaxDepth, 1, int.MaxValue));
        Function("decode_max_depth", call => IntegerSetting(call, ref config.DecodeMaxDepth, 1, int.MaxValue));
        Function("encode_number_precision", call => IntegerSetting(call, ref config.EncodeNumberPrecision, 1, config.MaxNumberPrecision));
        Function("encode_keep_buffer", call => EncodeKeepBuffer(call, config));
        Function("encode_invalid_numbers", call => EnumSetting(call, ref config.EncodeInvalidNumbers, InvalidNumberOptions));
        Function("decode_invalid_numbers", call => EnumSetting(call, ref config.DecodeInvalidNumbers, SwitchOptions));
        Function("new", call => call.Return(CreateModule(call.State, flavor, safe)));

        if (openResty)
        {
            Function("encode_empty_table_as_object", call => EnumSetting(call, ref config.EncodeEmptyTableAsObject, SwitchOptions));
            Function("decode_array_with_array_mt", call => EnumSetting(call, ref config.DecodeArrayWithArrayMt, SwitchOptions));
            Function("encode_escape_forward_slash", call => EncodeEscapeForwardSlash(call, config));
            module["empty_array"] = CjsonStateObjects.EmptyArray;
            module["array_mt"] = config.Shared.ArrayMetatable;
            module["empty_array_mt"] = config.Shared.EmptyArrayMetatable;
        }

        module["null"] = LuaUserdata.NullLightUserdata;
        module["_NAME"] = (LuaString)"cjson";
        module["_VERSION"] = (LuaString)(openResty ? "2.1.0.10" : "2.1.0");
        return module;
    }

    // ---- encode / decode ----

    private static int Encode(LuaCall call, CjsonConfig config)
    {
        if (call.Count != 1) throw call.ArgError(0, "expected 1 argument");
        try
        {
            return call.Return(JsonEncoder.Encode(config, call[0]));
        }
        catch (JsonException e)
        {
            throw call.Thread.RuntimeError(e.Message);
        }
        catch (JsonOutOfMemoryException)
        {
            throw LuaStringBuilder.OutOfMemory(call.Thread);
        }
    }

    private static int Decode(LuaCall call, CjsonConfig config)
    {
        if (call.Count != 1) throw call.ArgError(0, "expected 1 argument");
        var text = call.CheckString(0);
        try
        {
            return call.Return(JsonDecoder.Decode(config, text));
        }
        catch (JsonException e)
        {
            throw call.Thread.RuntimeError(e.Message);
        }
    }

    // cjson.safe runs the conversion under lua_pcall from C: its messages carry no position, and an argument
    // error inside it names the function '?'.

    private static int SafeEncode(LuaCall call, CjsonConfig config)
    {
        if (call.Count != 1) throw call.ArgError(0, "expected 1 argument");
        try
        {
            return call.Return(JsonEncoder.Encode(config, call[0]));
        }
        catch (JsonException e)
        {
            return call.Return(LuaValue.Nil, LuaString.FromUtf8(e.Message));
        }
        catch (JsonOutOfMemoryException)
        {
            throw call.Thread.RuntimeError("Memory allocation error in CJSON protected call");
        }
    }

    private static int SafeDecode(LuaCall call, CjsonConfig config)
    {
        if (call.Count != 1) throw call.ArgError(0, "expected 1 argument");
        var argument = call[0];
        LuaString text;
        if (argument.Ref is LuaString s) text = s;
        else if (argument.IsNumber) text = LuaNumber.ToLuaString(argument.Number);
        else return call.Return(LuaValue.Nil, LuaString.FromUtf8($"bad argument #1 to '?' (string expected, got {argument.TypeName})"));
        try
        {
            return call.Return(JsonDecoder.Decode(config, text));
        }
        catch (JsonException e)
        {
            return call.Return(LuaValue.Nil, LuaString.FromUtf8(e.Message));
        }
    }

    // ---- settings (json_arg_init, json_integer_option, json_enum_option) ----

    private static readonly string[] SwitchOptions = { "off", "on" };
    private static readonly string[] InvalidNumberOptions = { "off", "on", "null" };

    /// <summary>json_arg_init: more arguments than the setting takes is an error on the first extra one.</summary>
    private static void CheckArgumentCount(LuaCall call, int taken)
    {
        if (call.Count > taken) throw call.ArgError(taken, "found too many arguments");
    }

    private static int IntegerSetting(LuaCall call, ref int setting, int min, int max)
    {
        CheckArgumentCount(call, 1);
        return call.Return(ReadInteger(call, 0, ref setting, min, max));
    }

    /// <summary>
    /// json_integer_option: nil leaves the setting; otherwise an integer (luaL_checkinteger: numbers and
    /// numeric strings, truncated) in [min, max]. lua-cjson reports a value out of range as argument #1
    /// whichever argument it was.
    /// </summary>
    private static LuaValue ReadInteger(LuaCall call, int index, ref int setting, int min, int max)
    {
        if (!call[index].IsNil)
        {
            int value = CInt(call.CheckNumber(index));
            if (value < min || value > max) throw call.ArgError(0, $"expected integer between {min} and {max}");
            setting = value;
        }
        return setting;
    }

    /// <summary>(int)(lua_Integer)n as x86-64 computes it: truncation, and 0 for NaN or beyond 64 bits.</summary>
    private static int CInt(double n) =>
        double.IsNaN(n) || n >= 9223372036854775808.0 || n < -9223372036854775808.0 ? 0 : unchecked((int)(long)n);

    /// <summary>
    /// json_enum_option: nil leaves the setting; a boolean sets off/on; a string must name an option.
    /// Returns the setting as true (on), false (off) or the option's name.
    /// </summary>
    private static LuaValue ReadEnum(LuaCall call, int index, ref int setting, string[] options)
    {
        var v = call[index];
        if (v.IsBoolean) setting = v.AsBoolean ? 1 : 0;
        else if (!v.IsNil)
        {
            var name = call.CheckString(index);
            int found = Array.FindIndex(options, o => name.Span.SequenceEqual(System.Text.Encoding.ASCII.GetBytes(o)));
            if (found < 0) throw call.ArgError(index, $"invalid option '{name}'");
            setting = found;
        }
        return setting switch { 0 => LuaValue.False, 1 => LuaValue.True, _ => (LuaString)options[setting] };
    }

    private static int EnumSetting(LuaCall call, ref int setting, string[] options)
    {
        CheckArgumentCount(call, 1);
        return call.Return(ReadEnum(call, 0, ref setting, options));
    }

    private static int EncodeSparseArray(LuaCall call, CjsonConfig config)
    {
        CheckArgumentCount(call, 3);
        var convert = ReadEnum(call, 0, ref config.EncodeSparseConvert, SwitchOptions);
        var ratio = ReadInteger(call, 1, ref config.EncodeSparseRatio, 0, int.MaxValue);
        var safe = ReadInteger(call, 2, ref config.EncodeSparseSafe, 0, int.MaxValue);
        return call.Return(convert, ratio, safe);
    }

    private static int EncodeKeepBuffer(LuaCall call, CjsonConfig config)
    {
        CheckArgumentCount(call, 1);
        var result = ReadEnum(call, 0, ref config.EncodeKeepBuffer, SwitchOptions);
        if (config.EncodeKeepBuffer == 0) config.KeptBuffer = null;
        return call.Return(result);
    }

    /// <summary>OpenResty's switch lives in a static table there: it changes every cjson table in the state.</summary>
    private static int EncodeEscapeForwardSlash(LuaCall call, CjsonConfig config)
    {
        CheckArgumentCount(call, 1);
        int setting = config.Shared.EscapeForwardSlash ? 1 : 0;
        var result = ReadEnum(call, 0, ref setting, SwitchOptions);
        config.Shared.EscapeForwardSlash = setting != 0;
        return call.Return(result);
    }
}
