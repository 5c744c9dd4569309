using System.Text;
using Tidegate.Lua.Hosting;
using Tidegate.Lua.Runtime;
using Tidegate.Web.Lua.Api;

namespace Tidegate.Web.Tests.Lua.Api;

/// <summary>
/// Runs Lua against the ngx API registrations in a plain LuaState (no server): an <c>ngx</c> global
/// with the codec, time and regex functions, <c>require "ngx.re"</c>, and an <c>ngx.say</c> that
/// collects output (arguments through tostring, a newline after each call), returned as Latin-1 so
/// bytes compare exactly. Expected outputs in these tests were produced by running the same Lua in
/// nginx 1.22 + ngx_lua 0.10.23.
/// </summary>
internal sealed class NgxLuaRunner
{
    public LuaEngine Engine { get; } = new();
    public NgxClock Clock { get; }
    public RegexSettings Regex { get; } = new();
    private readonly MemoryStream _output = new();

    public NgxLuaRunner(NgxClock? clock = null)
    {
        Clock = clock ?? new NgxClock();
        var ngx = new LuaTable();
        NgxCodec.Register(ngx);
        NgxTime.Register(ngx, Clock);
        NgxRegex.Register(ngx, Regex);
        ngx["null"] = LuaValue.FromObject(new LuaUserdata(null));
        ngx["say"] = new HostFunction("say", Say);
        Engine.State.Globals["ngx"] = ngx;
        var loaded = Engine.State.Globals["package"].AsTable!["loaded"].AsTable!;
        loaded["ngx.re"] = NgxRegex.OpenModule(Regex);
    }

    private int Say(LuaCall call)
    {
        for (int i = 0; i < call.Count; i++)
        {
            var s = LuaOps.ToStringMeta(call.Thread, call[i]);
            _output.Write(s.Span);
        }
        _output.WriteByte((byte)'\n');
        return call.Return(1.0);
    }

    /// <summary>Runs <paramref name="lua"/> (source bytes) as chunk "t.lua" and returns what it said.</summary>
    public string Run(byte[] lua)
    {
        _output.SetLength(0);
        var chunk = Engine.State.Load(lua, "@t.lua");
        Engine.Call(chunk);
        return Encoding.Latin1.GetString(_output.ToArray());
    }

    public string Run(string lua) => Run(Encoding.UTF8.GetBytes(lua));

    public static string Say(string lua) => new NgxLuaRunner().Run(lua);
}
