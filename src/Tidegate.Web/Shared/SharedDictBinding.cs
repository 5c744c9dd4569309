using Tidegate.Lua.Runtime;

namespace Tidegate.Web.Shared;

/// <summary>
/// The Lua face of shared dictionaries, as ngx_lua 0.10.23 with lua-resty-core shows them:
/// <c>ngx.shared</c> is a plain table of name → dictionary object; a dictionary object is a table
/// holding the zone at [1] whose metatable is its own <c>__index</c> and carries the methods, so
/// <c>dict:get(k)</c> works and <c>dict.get(k)</c> fails with <c>bad "zone" argument</c>.
/// <para>
/// Two families of methods, with the two families' checks and messages: get, get_stale, set,
/// safe_set, add, safe_add, replace, delete, incr, ttl, expire, flush_all, capacity and free_space
/// are Lua (resty.core.shdict over FFI) in OpenResty: a non-string key goes through tostring, bad
/// arguments raise errors positioned at the caller. lpush, rpush, lpop, rpop, llen, get_keys and
/// flush_expired are C functions: their argument count is checked first ("expecting 3 arguments,
/// but only seen 2") and a key must be a string or number. Every error is positioned at the caller's line.
/// </para>
/// <para>
/// Values are copied into the dictionary as bytes or doubles, never as Lua objects, because
/// other workers' Lua states read them.
/// </para>
/// </summary>
public static class SharedDictBinding
{
    private static readonly LuaString MetatableKey = LuaString.FromLatin1("tidegate.shared_dict.metatable");

    /// <summary>The <c>ngx.shared</c> table of one Lua state: every declared dictionary under its name.</summary>
    public static LuaTable CreateSharedTable(LuaState state, IEnumerable<SharedDictionary> dictionaries)
    {
        var shared = new LuaTable();
        foreach (var dict in dictionaries) shared[LuaString.FromLatin1(dict.Name)] = CreateDictObject(state, dict);
        return shared;
    }

    /// <summary>The Lua object of one dictionary in <paramref name="state"/>; all objects of a state share one metatable.</summary>
    public static LuaTable CreateDictObject(LuaState state, SharedDictionary dict)
    {
        var obj = new LuaTable(1, 0);
        obj[1] = new LuaUserdata(dict);
        obj.Metatable = Metatable(state);
        return obj;
    }

    private static LuaTable Metatable(LuaState state)
    {
        if (state.Registry[MetatableKey].Ref is LuaTable existing) return existing;
        var mt = new LuaTable(0, 24);
        mt["__index"] = mt;
        Add(mt, "get", call => Get(call, stale: false));
        Add(mt, "get_stale", call => Get(call, stale: true));
        Add(mt, "set", call => Store(call, SharedDictStoreMode.Set, safe: false));
        Add(mt, "safe_set", call => Store(call, SharedDictStoreMode.Set, safe: true));
        Add(mt, "add", call => Store(call, SharedDictStoreMode.Add, safe: false));
        Add(mt, "safe_add", call => Store(call, SharedDictStoreMode.Add, safe: true));
        Add(mt, "replace", call => Store(call, SharedDictStoreMode.Replace, safe: false));
        Add(mt, "delete", Delete);
        Add(mt, "incr", Increment);
        Add(mt, "ttl", TimeToLive);
        Add(mt, "expire", Expire);
        Add(mt, "flush_all", call => { ZoneOf(call).FlushAll(); return 0; });
        Add(mt, "capacity", call => call.Return((double)ZoneOf(call).Capacity));
        Add(mt, "free_space", call => call.Return((double)ZoneOf(call).FreeSpace));
        Add(mt, "lpush", call => Push(call, left: true));
        Add(mt, "rpush", call => Push(call, left: false));
        Add(mt, "lpop", call => Pop(call, left: true));
        Add(mt, "rpop", call => Pop(call, left: false));
        Add(mt, "llen", Length);
        Add(mt, "get_keys", GetKeys);
        Add(mt, "flush_expired", FlushExpired);
        state.Registry[MetatableKey] = mt;
        return mt;
    }

    private static void Add(LuaTable mt, string name, HostFunctionBody body) => mt[name] = new HostFunction(name, body);

    // ---- the resty.core (FFI) methods ----

    /// <summary>resty.core's check_zone: the dictionary behind self, else an error at the caller's line.</summary>
    private static SharedDictionary ZoneOf(LuaCall call)
    {
        if (call[0].Ref is LuaTable t && t.Get(1).Ref is LuaUserdata { Value: SharedDictionary dict }) return dict;
        throw call.Thread.RuntimeError("bad \"zone\" argument");
    }

    /// <summary>
    /// The key as resty.core takes it: nil is "nil key", anything else not a string goes through
    /// tostring; then "empty key" and "key too long". Null (with the error returned as nil, err) when refused.
    /// </summary>
    private static LuaString? KeyOf(LuaCall call, out string? error)
    {
        var v = call[1];
        error = null;
        if (v.IsNil) { error = "nil key"; return null; }
        var key = v.Ref as LuaString ?? LuaOps.ToStringMeta(call.Thread, v);
        error = SharedDictionary.CheckKey(key.Span);
        return error is null ? key : null;
    }

    private static int Refuse(LuaCall call, string error) => call.Return(LuaValue.Nil, LuaString.FromLatin1(error));

    private static int Get(LuaCall call, bool stale)
    {
        var dict = ZoneOf(call);
        if (KeyOf(call, out var keyError) is not { } key) return Refuse(call, keyError!);
        var r = dict.Get(key.Span, stale);
        if (r.Error is not null) return Refuse(call, r.Error);
        if (r.Value.IsNil) return call.Return(LuaValue.Nil);
        var value = ToLua(r.Value);
        if (stale) return call.Return(value, r.Flags != 0 ? r.Flags : LuaValue.Nil, r.Stale);
        return r.Flags != 0 ? call.Return(value, r.Flags) : call.Return(value);
    }

    private static int Store(LuaCall call, SharedDictStoreMode mode, bool safe)
    {
        var dict = ZoneOf(call);
        long exptimeMs = 0;
        var exptime = call[3];
        if (exptime.IsTruthy)
        {
            // resty.core compares it with 0 before anything else: a string or table cannot be compared.
            if (!exptime.IsNumber) throw call.Thread.RuntimeError($"attempt to compare {exptime.TypeName} with number");
            if (exptime.Number < 0) throw call.Thread.RuntimeError("bad \"exptime\" argument");
            exptimeMs = MillisecondsOf(exptime.Number);
        }
        var flagsArg = call[4];
        if (KeyOf(call, out var keyError) is not { } key) return Refuse(call, keyError!);
        SharedDictValue value;
        var v = call[2];
        if (v.Ref is LuaString s) value = SharedDictValue.FromBytes(s.Span.ToArray());
        else if (v.IsNumber) value = SharedDictValue.FromNumber(v.Number);
        else if (v.IsNil) value = SharedDictValue.Nil;
        else if (v.IsBoolean) value = SharedDictValue.FromBoolean(v.AsBoolean);
        else return Refuse(call, "bad value type");
        int flags = flagsArg.IsFalsy ? 0 : FfiInt(call, flagsArg);
        var r = dict.Store(key.Span, value, mode, safe, exptimeMs, flags);
        return call.Return(r.Ok ? LuaValue.True : LuaValue.False, r.Error is null ? LuaValue.Nil : LuaString.FromLatin1(r.Error), r.Forcible);
    }

    private static int Delete(LuaCall call)
    {
        var dict = ZoneOf(call);
        if (KeyOf(call, out var keyError) is not { } key) return Refuse(call, keyError!);
        var r = dict.Delete(key.Span);
        return call.Return(r.Ok ? LuaValue.True : LuaValue.False, r.Error is null ? LuaValue.Nil : LuaString.FromLatin1(r.Error), r.Forcible);
    }

    private static int Increment(LuaCall call)
    {
        var dict = ZoneOf(call);
        if (KeyOf(call, out var keyError) is not { } key) return Refuse(call, keyError!);
        // resty.core: value = tonumber(value), then stored into a double[1]: nil cannot be.
        if (ToNumber(call[2]) is not double delta) throw call.Thread.RuntimeError("cannot convert 'nil' to 'double'");
        double? init = null;
        var initArg = call[3];
        if (initArg.IsTruthy)
        {
            init = ToNumber(initArg) ?? throw call.Thread.RuntimeError("bad init arg: number expected, got " + initArg.TypeName);
        }
        long initTtlMs = 0;
        var ttlArg = call[4];
        if (!ttlArg.IsNil)
        {
            double ttl = ToNumber(ttlArg) ?? throw call.Thread.RuntimeError("bad init_ttl arg: number expected, got " + ttlArg.TypeName);
            if (ttl < 0) throw call.Thread.RuntimeError("bad \"init_ttl\" argument");
            if (init is null) throw call.Thread.RuntimeError("must provide \"init\" when providing \"init_ttl\"");
            initTtlMs = MillisecondsOf(ttl);
        }
        var r = dict.Increment(key.Span, delta, init, initTtlMs);
        if (r.Error is not null) return Refuse(call, r.Error);
        return init is null ? call.Return(r.Value) : call.Return(r.Value, LuaValue.Nil, r.Forcible);
    }

    private static int TimeToLive(LuaCall call)
    {
        var dict = ZoneOf(call);
        if (KeyOf(call, out var keyError) is not { } key) return Refuse(call, keyError!);
        if (dict.TimeToLive(key.Span) is not long ms) return Refuse(call, "not found");
        return call.Return(ms / 1000.0);
    }

    private static int Expire(LuaCall call)
    {
        var dict = ZoneOf(call);
        var exptime = call[2];
        if (exptime.IsFalsy) throw call.Thread.RuntimeError("bad \"exptime\" argument");
        if (KeyOf(call, out var keyError) is not { } key) return Refuse(call, keyError!);
        // resty.core multiplies by 1000: a numeric string converts, anything else cannot.
        double seconds = ToNumber(exptime) ?? throw call.Thread.RuntimeError(
            $"attempt to perform arithmetic on local 'exptime' (a {exptime.TypeName} value)");
        if (!dict.SetExpiry(key.Span, MillisecondsOf(seconds))) return Refuse(call, "not found");
        return call.Return(LuaValue.True);
    }

    // ---- the C methods ----

    /// <summary>The dictionary behind self for lpush/rpush/lpop/rpop/llen: self must be a table holding the zone.</summary>
    private static SharedDictionary CZoneOf(LuaCall call)
    {
        if (call[0].Ref is LuaTable t && t.Get(1).Ref is LuaUserdata { Value: SharedDictionary dict }) return dict;
        throw call.Thread.RuntimeError("bad \"zone\" argument");
    }

    /// <summary>The key as the C methods take it (luaL_checklstring after the nil check).</summary>
    private static LuaString? CKeyOf(LuaCall call, out string? error)
    {
        error = null;
        if (call[1].IsNil) { error = "nil key"; return null; }
        var key = call.CheckString(1);
        error = SharedDictionary.CheckKey(key.Span);
        return error is null ? key : null;
    }

    private static void ExpectArguments(LuaCall call, int n)
    {
        if (call.Count != n) throw call.Thread.RuntimeError($"expecting {n} arguments, but only seen {call.Count}");
    }

    private static int Push(LuaCall call, bool left)
    {
        ExpectArguments(call, 3);
        var dict = CZoneOf(call);
        if (CKeyOf(call, out var keyError) is not { } key) return Refuse(call, keyError!);
        var v = call[2];
        SharedDictValue value;
        if (v.Ref is LuaString s) value = SharedDictValue.FromBytes(s.Span.ToArray());
        else if (v.IsNumber) value = SharedDictValue.FromNumber(v.Number);
        else return Refuse(call, "bad value type");
        var r = dict.Push(key.Span, value, left);
        // ngx_lua answers false (not nil) when the zone is full.
        if (r.Error == "no memory") return call.Return(LuaValue.False, LuaString.FromLatin1(r.Error));
        return r.Error is not null ? Refuse(call, r.Error) : call.Return((double)r.Length);
    }

    private static int Pop(LuaCall call, bool left)
    {
        ExpectArguments(call, 2);
        var dict = CZoneOf(call);
        if (CKeyOf(call, out var keyError) is not { } key) return Refuse(call, keyError!);
        var r = dict.Pop(key.Span, left);
        if (r.Error is not null) return Refuse(call, r.Error);
        return call.Return(r.Value.IsNil ? LuaValue.Nil : ToLua(r.Value));
    }

    private static int Length(LuaCall call)
    {
        ExpectArguments(call, 2);
        var dict = CZoneOf(call);
        if (CKeyOf(call, out var keyError) is not { } key) return Refuse(call, keyError!);
        var r = dict.Length(key.Span);
        return r.Error is not null ? Refuse(call, r.Error) : call.Return((double)r.Length);
    }

    private static SharedDictionary CheckOneOrTwo(LuaCall call)
    {
        if (call.Count < 1 || call.Count > 2) throw call.Thread.RuntimeError($"expecting 1 or 2 argument(s), but saw {call.Count}");
        var self = call.CheckTable(0);
        // These two read the zone pointer from [1] with their own check and message.
        if (self.Get(1).Ref is LuaUserdata { Value: SharedDictionary dict }) return dict;
        throw call.Thread.RuntimeError("bad user data for the ngx_shm_zone_t pointer");
    }

    private static int GetKeys(LuaCall call)
    {
        var dict = CheckOneOrTwo(call);
        int max = call.OptInt(1, 1024);
        var keys = dict.GetKeys(max);
        var table = new LuaTable(keys.Count, 0);
        for (int i = 0; i < keys.Count; i++) table[i + 1] = StringOf(keys[i]);
        return call.Return(table);
    }

    private static int FlushExpired(LuaCall call)
    {
        var dict = CheckOneOrTwo(call);
        return call.Return((double)dict.FlushExpired(call.OptInt(1, 0)));
    }

    // ---- conversions ----

    private static LuaValue ToLua(SharedDictValue v) => v.Kind switch
    {
        SharedDictValueKind.String => StringOf(v.Bytes!),
        SharedDictValueKind.Number => v.Number,
        SharedDictValueKind.Boolean => v.Boolean,
        _ => LuaValue.Nil,
    };

    /// <summary>A Lua string over stored bytes, which are never changed, so no copy is needed.</summary>
    private static LuaString StringOf(byte[] bytes) => bytes.Length < 2 ? LuaString.FromBytes(bytes) : new LuaString(bytes);

    /// <summary>Lua's tonumber for a number or numeric string; null otherwise.</summary>
    private static double? ToNumber(LuaValue v)
    {
        if (v.IsNumber) return v.Number;
        if (v.Ref is LuaString s && LuaNumber.TryParse(s.Span, out double d)) return d;
        return null;
    }

    /// <summary>
    /// Seconds × 1000 converted to C's long as LuaJIT's FFI does (x86-64 cvttsd2si): fractions truncate,
    /// and NaN or a value outside the int64 range becomes INT64_MIN, which nginx reads as "never expires".
    /// </summary>
    internal static long MillisecondsOf(double seconds)
    {
        double ms = seconds * 1000;
        if (double.IsNaN(ms) || ms >= 9223372036854775808.0 || ms < -9223372036854775808.0) return long.MinValue;
        return (long)ms;
    }

    /// <summary>
    /// A flags argument passed to the FFI's int parameter: numbers truncate (NaN or out of the int32
    /// range become INT32_MIN, as cvttsd2si gives), booleans are 1/0, anything else cannot convert.
    /// </summary>
    private static int FfiInt(LuaCall call, LuaValue v)
    {
        if (v.IsBoolean) return v.AsBoolean ? 1 : 0;
        if (!v.IsNumber)
            throw call.Thread.RuntimeError($"bad argument #10 to 'ngx_lua_ffi_shdict_store' (cannot convert '{v.TypeName}' to 'int')");
        double d = v.Number;
        if (double.IsNaN(d) || d >= 2147483648.0 || d <= -2147483649.0) return int.MinValue;
        return (int)d;
    }
}
