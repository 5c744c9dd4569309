using Tidegate.Lua.Runtime;

namespace Tidegate.Web.Lua.Api;

/// <summary>ngx.say, ngx.print, ngx.flush, ngx.eof, ngx.send_headers.</summary>
public static class NgxOutputApi
{
    public static void Register(LuaTable ngx)
    {
        NgxApi.Set(ngx, "say", call => Print(call, newline: true));
        NgxApi.Set(ngx, "print", call => Print(call, newline: false));
        NgxApi.Set(ngx, "flush", Flush);
        NgxApi.Set(ngx, "eof", Eof);
        NgxApi.Set(ngx, "send_headers", SendHeaders);
    }

    private static int Print(LuaCall call, bool newline)
    {
        var request = NgxApi.Request(PhaseMask.Output);
        if (request.SeenEof) return call.Return(LuaValue.Nil, NgxApi.Str("seen eof"));
        if (AllStrings(call))
        {
            // Strings only (the usual call) cannot fail half-way: they go straight to the output, with no
            // scratch stream per call.
            for (int i = 0; i < call.Count; i++) LuaOutput.Append(request, ((LuaString)call[i].Ref!).Span);
            if (newline) LuaOutput.Append(request, "\n"u8);
            else if (call.Count == 0) LuaOutput.Append(request, default); // ngx.print() still sends the head
        }
        else
        {
            // Anything else is checked whole before a byte is written (a bad argument writes nothing).
            var bytes = new MemoryStream();
            for (int i = 0; i < call.Count; i++) AppendValue(call, i, call[i], bytes, 0);
            if (newline) bytes.WriteByte((byte)'\n');
            LuaOutput.Append(request, bytes.GetBuffer().AsSpan(0, (int)bytes.Length));
        }
        if (request.Output.Length >= LuaOutput.FlushThreshold && call.Thread == request.EntryThread && call.Thread.IsYieldable)
            return ParkToFlush(call, request);
        return call.Return(1);
    }

    /// <summary>
    /// A big buffered body goes to the connection now, so memory stays bounded. A method of its own: the
    /// closure's captured request would otherwise be allocated on every ngx.say, parking or not.
    /// </summary>
    private static int ParkToFlush(LuaCall call, LuaRequest request) =>
        NgxApi.Park(call, request, async () =>
        {
            await LuaOutput.FlushAsync(request);
            return new LuaValue[] { 1 };
        });

    private static bool AllStrings(LuaCall call)
    {
        for (int i = 0; i < call.Count; i++)
            if (call[i].Ref is not LuaString) return false;
        return true;
    }

    /// <summary>One argument as ngx_lua writes it: strings and numbers, nil/booleans/ngx.null as words, array tables flattened.</summary>
    private static void AppendValue(LuaCall call, int arg, LuaValue v, MemoryStream bytes, int depth)
    {
        switch (v.Ref)
        {
            case LuaString s: bytes.Write(s.Span); return;
            case null: bytes.Write("nil"u8); return;
            case LuaTable t:
                if (depth > 100) throw call.ArgError(arg, "nested table too deep");
                if (!IsArray(t)) throw call.ArgError(arg, "non-array table found");
                int n = t.Length();
                for (int k = 1; k <= n; k++)
                {
                    var item = t.Get(k);
                    if (item.Ref is LuaString or LuaTable || item.IsNumber) AppendValue(call, arg, item, bytes, depth + 1);
                    else if (item.IsNil) bytes.Write("nil"u8);
                    else if (item.IsBoolean) bytes.Write(item.AsBoolean ? "true"u8 : "false"u8);
                    else if (NgxTable.IsNull(item)) bytes.Write("null"u8);
                    else throw call.ArgError(arg, "bad data type " + item.TypeName + " found");
                }
                return;
        }
        if (v.IsNumber) { bytes.Write(LuaNumber.ToLuaString(v.Number).Span); return; }
        if (v.IsBoolean) { bytes.Write(v.AsBoolean ? "true"u8 : "false"u8); return; }
        if (NgxTable.IsNull(v)) { bytes.Write("null"u8); return; }
        throw call.ArgError(arg, "string, number, boolean, nil, ngx.null, or array table expected, but got " + v.TypeName);
    }

    /// <summary>ngx_lua accepts a table whose keys are exactly 1..n.</summary>
    private static bool IsArray(LuaTable t)
    {
        int count = 0;
        var key = LuaValue.Nil;
        while (t.Next(ref key, out _))
        {
            if (!key.IsNumber || key.Number < 1 || key.Number != Math.Floor(key.Number)) return false;
            count++;
        }
        return count == 0 || t.Length() == count;
    }

    private static int Flush(LuaCall call)
    {
        var request = NgxApi.Request(PhaseMask.Output);
        bool wait = call.Count > 0 && call[0].IsTruthy;
        if (call.Count > 0 && !call[0].IsBoolean && !call[0].IsNil)
            throw call.ArgError(0, "boolean expected, got " + call[0].TypeName);
        if (request.SeenEof) return call.Return(LuaValue.Nil, NgxApi.Str("seen eof"));
        if (!request.Context.Channel.HeadersSent && request.Output.Length == 0)
            return call.Return(LuaValue.Nil, NgxApi.Str("nothing to flush"));
        if (call.Thread != request.EntryThread || !call.Thread.IsYieldable)
            return call.Return(1);
        return NgxApi.Park(call, request, async () =>
        {
            await LuaOutput.FlushAsync(request, wait);
            return new LuaValue[] { 1 };
        });
    }

    private static int Eof(LuaCall call)
    {
        var request = NgxApi.Request(PhaseMask.Output);
        if (call.Count > 0) throw new LuaException("no argument is expected");
        if (request.SeenEof) return call.Return(LuaValue.Nil, NgxApi.Str("seen eof"));
        request.SeenEof = true;
        if (call.Thread != request.EntryThread || !call.Thread.IsYieldable)
            return call.Return(1);
        return NgxApi.Park(call, request, async () =>
        {
            await LuaOutput.FinishAsync(request);
            return new LuaValue[] { 1 };
        });
    }

    private static int SendHeaders(LuaCall call)
    {
        var request = NgxApi.Request(PhaseMask.Output);
        if (request.Context.Channel.HeadersSent) return call.Return(1);
        LuaOutput.SendHeaders(request);
        return call.Return(1);
    }
}
