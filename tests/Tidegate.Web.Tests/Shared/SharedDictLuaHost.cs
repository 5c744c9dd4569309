using System.Text;
using Tidegate.Lua.Hosting;
using Tidegate.Lua.Runtime;
using Tidegate.Web.Shared;

namespace Tidegate.Web.Tests.Shared;

/// <summary>
/// Runs Lua against shared dictionaries in a bare Lua state, standing in for a request handler:
/// <c>ngx.say</c> writes to a buffer, <c>ngx.sleep</c> moves the dictionaries' manual clock (so
/// expiry tests do not sleep) and <c>ngx.shared</c> is <see cref="SharedDictBinding"/>'s table.
/// </summary>
public sealed class SharedDictLuaHost : IDisposable
{
    private readonly StringBuilder _output = new();

    public SharedDictLuaHost(SharedDictZones zones, ManualSharedDictClock clock)
    {
        Zones = zones;
        Engine = new LuaEngine();
        var ngx = new LuaTable();
        ngx["shared"] = SharedDictBinding.CreateSharedTable(Engine.State, zones.All);
        ngx["say"] = new HostFunction("say", call =>
        {
            for (int i = 0; i < call.Count; i++) _output.Append(Encoding.Latin1.GetString(LuaOps.ToStringMeta(call.Thread, call[i]).Span));
            _output.Append('\n');
            return call.Return(1.0);
        });
        ngx["sleep"] = new HostFunction("sleep", call =>
        {
            clock.Advance((long)Math.Round(call.CheckNumber(0) * 1000));
            return 0;
        });
        Engine.State.Globals["ngx"] = ngx;
    }

    public LuaEngine Engine { get; }
    public SharedDictZones Zones { get; }

    /// <summary>A host with the dictionaries "name size, name size" (sizes as in nginx.conf).</summary>
    public static SharedDictLuaHost Create(string dicts, out ManualSharedDictClock clock)
    {
        clock = new ManualSharedDictClock();
        var declarations = new SharedDictDeclarations();
        foreach (var spec in dicts.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = spec.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            declarations.Add(new Tidegate.Web.Config.ConfigDirective("lua_shared_dict", parts, new Tidegate.Web.Config.ConfigSource("/test/nginx.conf"), 1));
        }
        return new SharedDictLuaHost(SharedDictZones.Create(declarations, null, clock), clock);
    }

    /// <summary>Runs a chunk (bytes, as a file holds them) and returns what it said.</summary>
    public string Run(byte[] source, string chunkName = "@t.lua")
    {
        _output.Clear();
        var f = Engine.State.Load(source, chunkName);
        Engine.Call(f);
        return _output.ToString();
    }

    public string Run(string source) => Run(Encoding.UTF8.GetBytes(source));

    public void Dispose() => Engine.Dispose();
}
