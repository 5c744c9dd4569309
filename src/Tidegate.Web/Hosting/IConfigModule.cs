using Tidegate.Web.Config;

namespace Tidegate.Web.Hosting;

/// <summary>The level of the configuration a directive appears at.</summary>
public enum ConfigLevel { Main, Http, Server, Location, LocationIf }

/// <summary>
/// A module's part in compiling the configuration, as an nginx module's directive handlers and
/// merge functions are: the core compiler offers it every directive it does not handle itself.
/// A module instance lives for one compile (one start or reload), so it may collect state (the
/// upstream blocks, the declared shared dicts) and publish it in <see cref="Complete"/>.
/// </summary>
public interface IConfigModule
{
    /// <summary>
    /// Applies <paramref name="directive"/> if it is this module's: at <see cref="ConfigLevel.Main"/>
    /// <paramref name="settings"/> is null; at http, server and location levels it is that level's
    /// settings. The parser has already checked the context and argument count against the
    /// <see cref="DirectiveRegistry"/>. Throws <see cref="ConfigException"/> with nginx's message.
    /// </summary>
    /// <returns>true when this module took the directive.</returns>
    bool TryApply(ConfigDirective directive, LocationSettings? settings, ConfigLevel level, ConfigCompiler compiler);

    /// <summary>Once every level is compiled: resolve references between blocks and publish state into the configuration.</summary>
    void Complete(ServerConfiguration config, ConfigCompiler compiler);
}
