using System.Net;
using System.Reflection;
using System.Runtime.CompilerServices;
using Tidegate.Web.Hosting;
using Tidegate.Web.Http;
using Tidegate.Web.Lua;

namespace Tidegate.Web.Tests.Http;

/// <summary>
/// A keepalive connection reuses its last request's objects for the next request (RequestContext.Recycle,
/// HttpResponse.Clear, HttpRequest.Refill, LuaRequest.Recycle). Nothing of the last request may survive:
/// every field of a recycled object, set to some non-default value first, must come back equal to a new
/// object's. A field added later and forgotten in the reset fails here (tests/web/746-keepalive-reuse.t
/// checks the same through the server, against nginx).
/// </summary>
public class RequestRecyclingTests
{
    private static readonly BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    private static ConnectionInfo Connection() => new()
    {
        Id = 1, Local = new IPEndPoint(IPAddress.Loopback, 80), Remote = new IPEndPoint(IPAddress.Loopback, 5000),
    };

    private static HttpRequest NewRequest() => new()
    {
        Method = "GET", RawUri = "/", Path = "/", Protocol = "HTTP/1.1", VersionMajor = 1, VersionMinor = 1, RequestLine = "GET / HTTP/1.1",
    };

    private static ServerBlock Server() => (ServerBlock)RuntimeHelpers.GetUninitializedObject(typeof(ServerBlock));

    /// <summary>A value of <paramref name="type"/> that differs from <paramref name="current"/> (and from a default).</summary>
    private static object? Dirty(Type type, object? current)
    {
        if (type == typeof(string)) return "dirty";
        if (type == typeof(bool)) return !(bool)current!;
        if (type == typeof(int)) return (int)current! + 7;
        if (type == typeof(long)) return (long)current! + 7;
        if (type == typeof(double)) return (double)current! + 7;
        if (type == typeof(DateTimeOffset)) return DateTimeOffset.UnixEpoch;
        if (type.IsEnum)
        {
            var values = Enum.GetValues(type);
            foreach (var v in values) if (!v.Equals(current)) return v;
        }
        if (Nullable.GetUnderlyingType(type) is { } inner) return Activator.CreateInstance(inner);
        if (type.IsArray) return Array.CreateInstance(type.GetElementType()!, 1);
        if (type.IsValueType) return Activator.CreateInstance(type);
        // An abstract type (a LuaFunction): any concrete kind of it.
        if (type.IsAbstract) type = type.Assembly.GetTypes().First(t => !t.IsAbstract && t.IsClass && type.IsAssignableFrom(t) && !t.ContainsGenericParameters);
        return RuntimeHelpers.GetUninitializedObject(type);
    }

    /// <summary>Sets every field of <paramref name="target"/> but <paramref name="kept"/> to a non-default value.</summary>
    private static void MakeDirty(object target, ISet<string> kept)
    {
        foreach (var field in target.GetType().GetFields(Instance))
        {
            if (kept.Contains(Name(field))) continue;
            field.SetValue(target, Dirty(field.FieldType, field.GetValue(target)));
        }
    }

    /// <summary>A field's name as written (a property's backing field by its property's name).</summary>
    private static string Name(FieldInfo field) =>
        field.Name.StartsWith('<') ? field.Name[1..field.Name.IndexOf('>')] : field.Name;

    /// <summary>Every field of <paramref name="recycled"/> but <paramref name="kept"/> equals <paramref name="fresh"/>'s.</summary>
    private static void AssertLikeNew(object fresh, object recycled, ISet<string> kept)
    {
        foreach (var field in fresh.GetType().GetFields(Instance))
        {
            if (kept.Contains(Name(field))) continue;
            object? expected = field.GetValue(fresh), actual = field.GetValue(recycled);
            Assert.True(Equals(expected, actual), $"{fresh.GetType().Name}.{Name(field)} survived the reset: {actual} (a new one has {expected})");
        }
    }

    private static void Invoke(object target, string method, params object?[] args) =>
        target.GetType().GetMethod(method, Instance)!.Invoke(target, args);

    [Fact]
    public void AClearedResponseIsANewOne()
    {
        var kept = new HashSet<string> { "Headers" };
        var response = new HttpResponse();
        MakeDirty(response, kept);
        response.Headers.Add(new("X-Leak", "1"));
        Invoke(response, "Clear");
        AssertLikeNew(new HttpResponse(), response, kept);
        Assert.Empty(response.Headers);
    }

    [Fact]
    public void ARefilledRequestIsANewOne()
    {
        var kept = new HashSet<string> { "Headers" };
        var request = NewRequest();
        MakeDirty(request, kept);
        for (int i = 0; i < 100; i++) request.Headers.Add(new("X-Leak", "1"));
        Invoke(request, "Refill", "GET", "/", "/", null, "HTTP/1.1", 1, 1, "GET / HTTP/1.1");
        AssertLikeNew(NewRequest(), request, kept);
        Assert.Empty(request.Headers);
        Assert.True(request.Headers.Capacity <= 64, "a long head's header array stays on the connection");
    }

    [Fact]
    public void ARecycledLuaRequestIsANewOne()
    {
        var ctx = new RequestContext { Connection = Connection(), Request = NewRequest(), Server = Server() };
        // The context it belongs to stays; the coroutine root is reused on purpose (reset when rebound); the output stream is checked by content.
        var kept = new HashSet<string> { "Context", "SpareRoot", "Output" };
        var lua = new LuaRequest(ctx);
        MakeDirty(lua, kept);
        lua.Output.Write(new byte[100_000]);
        Invoke(lua, "Recycle");
        AssertLikeNew(new LuaRequest(ctx), lua, kept);
        Assert.Equal(0, lua.Output.Length);
        Assert.True(lua.Output.Capacity <= 16 * 1024, "a big response's buffer stays on the connection");
    }

    [Fact]
    public void ARecycledContextIsANewOne()
    {
        // Fixed for the connection: its facts, its request object (refilled by the parser), its channel (reset
        // by the connection), the main-request fields; Response and the Lua request are checked by their own tests.
        var kept = new HashSet<string>
        {
            "Connection", "Request", "Channel", "Response", "parent", "SubrequestsLeft", "StartTime", "StartTimestamp",
            "LuaRequest", "SpareLuaRequest", "Server", "Location",
        };
        var server = Server();
        var ctx = new RequestContext { Connection = Connection(), Request = NewRequest(), Server = server };
        MakeDirty(ctx, kept);
        ctx.Response.Status = 500;
        ctx.Response.Headers.Add(new("X-Leak", "1"));
        var lua = LuaRequest.Of(ctx);
        lua.ExitStatus = 404;
        var before = (ctx.StartTime, ctx.StartTimestamp);
        Thread.Sleep(2);
        Invoke(ctx, "Recycle", server, null);
        var fresh = new RequestContext { Connection = Connection(), Request = NewRequest(), Server = server };
        AssertLikeNew(fresh, ctx, kept);
        Assert.Equal(200, ctx.Response.Status);
        Assert.Empty(ctx.Response.Headers);
        Assert.True(ctx.StartTimestamp > before.StartTimestamp && ctx.StartTime >= before.StartTime, "the request's clock restarts");
        // The Lua state waits, reset, for the next request that runs Lua; a request without Lua has none.
        Assert.Null(ctx.LuaRequest);
        Assert.Same(lua, LuaRequest.Of(ctx));
        Assert.Equal(0, lua.ExitStatus);
    }

    [Fact]
    public void ARequestWithASubrequestOrModuleStateIsNotReused()
    {
        var parent = new RequestContext { Connection = Connection(), Request = NewRequest(), Server = Server() };
        Assert.True(MayRecycle(parent));
        _ = new RequestContext { Connection = parent.Connection, Request = NewRequest(), Server = parent.Server, Parent = parent };
        Assert.False(MayRecycle(parent));

        var other = new RequestContext { Connection = Connection(), Request = NewRequest(), Server = Server() };
        other.ModuleState = new();
        Assert.False(MayRecycle(other));
    }

    private static bool MayRecycle(RequestContext ctx) =>
        (bool)typeof(RequestContext).GetProperty("MayRecycle", Instance)!.GetValue(ctx)!;
}
