namespace Tidegate.Web.Http;

/// <summary>
/// A module's variables ($upstream_addr, map results, ...), asked after the core's. Names must
/// also be made known to the compiler (<see cref="Hosting.VariableNames"/>) so configurations
/// that use them pass the "unknown variable" check.
/// </summary>
public interface IVariableProvider
{
    bool TryGet(RequestContext ctx, string name, out string? value);
}

/// <summary>The registered providers, in the order they are asked.</summary>
public static class ModuleVariables
{
    public static IReadOnlyList<IVariableProvider> Providers { get; } = new IVariableProvider[] { new Proxy.ProxyVariables(), new Echo.EchoVariables(), new Map.MapVariables() };
}
