using System.Text;
using Tidegate.Lua.Runtime;
using Tidegate.Web.Logging;

namespace Tidegate.Web.Lua.Api;

/// <summary>
/// ngx.log(level, ...) and the global print (notice level), written as ngx_lua writes them:
/// "[lua] chunk:line: func(): message" with the request's log context.
/// </summary>
public static class NgxLogApi
{
    public static void Register(LuaTable ngx, LuaTable globals)
    {
        string[] names = { "STDERR", "EMERG", "ALERT", "CRIT", "ERR", "WARN", "NOTICE", "INFO", "DEBUG" };
        for (int i = 0; i < names.Length; i++) ngx[names[i]] = i;
        NgxApi.Set(ngx, "log", call =>
        {
            var level = call.CheckNumber(0);
            if (level < 0 || level > 8) throw new LuaException("bad log level: " + LuaErrors.Message(call[0]));
            Write(call, (LogLevel)(int)level, 1);
            return call.Return();
        });
        globals["print"] = new HostFunction("print", call =>
        {
            Write(call, LogLevel.Notice, 0);
            return call.Return();
        });
    }

    private static void Write(in LuaCall call, LogLevel level, int first)
    {
        var worker = NgxApi.Worker;
        if (!worker.LogEnabled(level)) return;
        var message = new StringBuilder("[lua] ");
        message.Append(Position(call.Thread));
        for (int i = first; i < call.Count; i++)
        {
            var v = call[i];
            switch (v.Ref)
            {
                case LuaString s: message.Append(s.ToLatin1()); break;
                case null: message.Append("nil"); break;
                default:
                    if (v.IsNumber) message.Append(LuaNumber.ToLuaString(v.Number).ToLatin1());
                    else if (v.IsBoolean) message.Append(v.AsBoolean ? "true" : "false");
                    else if (NgxTable.IsNull(v)) message.Append("null");
                    else throw call.ArgError(i, "string, number, boolean, or nil expected, got " + v.TypeName);
                    break;
            }
        }
        worker.Log(level, message.ToString());
    }

    /// <summary>"chunk:line: " of the calling Lua function, with "name(): " when its caller named it.</summary>
    public static string Position(LuaThread thread)
    {
        int index = thread.FrameCount - 1;
        if (index < 0 || thread.Frames[index].Function is not LuaClosure closure) return "";
        var proto = closure.Proto;
        string where = proto.ShortSource + ":" + thread.CurrentLineAt(1) + ": ";
        if (proto.IsMainChunk) return where;
        string? name = index > 0 && thread.Frames[index - 1].Function is LuaClosure caller
            ? caller.Proto.NameOfSite(thread.Frames[index].CallerSite) : null;
        return name is null ? where : where + name + "(): ";
    }
}
