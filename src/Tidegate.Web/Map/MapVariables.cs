using Tidegate.Web.Http;

namespace Tidegate.Web.Map;

/// <summary>Map result variables, evaluated lazily per request and cached (unless volatile).</summary>
public sealed class MapVariables : IVariableProvider
{
    private sealed class Cache { public readonly Dictionary<string, string> Values = new(StringComparer.Ordinal); }

    public bool TryGet(RequestContext ctx, string name, out string? value)
    {
        value = null;
        if (ctx.Settings.Maps.Count == 0 || !ctx.Settings.Maps.TryGetValue(name, out var map)) return false;
        ctx.ModuleState ??= new();
        if (!ctx.ModuleState.TryGetValue(typeof(Cache), out var c)) ctx.ModuleState[typeof(Cache)] = c = new Cache();
        var cache = (Cache)c;
        if (!map.Volatile && cache.Values.TryGetValue(name, out var cached)) { value = cached; return true; }
        value = map.Evaluate(ctx);
        if (!map.Volatile) cache.Values[name] = value;
        return true;
    }
}
