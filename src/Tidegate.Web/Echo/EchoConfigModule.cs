using System.Globalization;
using Tidegate.Web.Config;
using Tidegate.Web.Hosting;

namespace Tidegate.Web.Echo;

/// <summary>
/// The echo module's configuration: the content directives make the location's content handler
/// (a list run in order); echo_before_body/echo_after_body are filters; echo_status the status.
/// </summary>
public sealed class EchoConfigModule : IConfigModule
{
    private static readonly Dictionary<string, EchoOp> contentOps = new(StringComparer.Ordinal)
    {
        ["echo"] = EchoOp.Echo, ["echo_duplicate"] = EchoOp.Duplicate, ["echo_flush"] = EchoOp.Flush,
        ["echo_sleep"] = EchoOp.Sleep, ["echo_blocking_sleep"] = EchoOp.BlockingSleep,
        ["echo_location"] = EchoOp.Location, ["echo_location_async"] = EchoOp.LocationAsync,
        ["echo_subrequest"] = EchoOp.Subrequest, ["echo_subrequest_async"] = EchoOp.SubrequestAsync,
        ["echo_exec"] = EchoOp.Exec, ["echo_read_request_body"] = EchoOp.ReadRequestBody,
        ["echo_request_body"] = EchoOp.RequestBody, ["echo_reset_timer"] = EchoOp.ResetTimer,
        ["echo_foreach_split"] = EchoOp.ForeachSplit, ["echo_end"] = EchoOp.End,
    };

    public bool TryApply(ConfigDirective d, LocationSettings? settings, ConfigLevel level, ConfigCompiler compiler)
    {
        if (!d.Name.StartsWith("echo", StringComparison.Ordinal) || settings is null) return false;
        var arguments = new List<VariableTemplate>();
        for (int i = 0; i < d.Arguments.Count; i++) arguments.Add(ConfigCompiler.Template(d, i));
        switch (d.Name)
        {
            case "echo_status":
                if (!int.TryParse(d.Arguments[0], NumberStyles.None, CultureInfo.InvariantCulture, out int status))
                    throw ConfigException.At($"invalid number \"{d.Arguments[0]}\"", d);
                settings.EchoStatus = status;
                return true;
            case "echo_before_body":
            case "echo_after_body":
                if (settings.EchoFiltersOwner != settings)
                {
                    settings.EchoBeforeBody = settings.EchoBeforeBody is null ? null : new(settings.EchoBeforeBody);
                    settings.EchoAfterBody = settings.EchoAfterBody is null ? null : new(settings.EchoAfterBody);
                    settings.EchoFiltersOwner = settings;
                }
                var command = new EchoCommand(EchoOp.Echo, arguments, d.Name);
                if (d.Name == "echo_before_body") (settings.EchoBeforeBody ??= new()).Add(command);
                else (settings.EchoAfterBody ??= new()).Add(command);
                return true;
            case "echo_abort_parent":
                throw ConfigException.At("\"echo_abort_parent\" is not supported by tidegate", d);
        }
        if (!contentOps.TryGetValue(d.Name, out var op)) return false;
        if (settings.ContentHandler is not EchoContentHandler handler || handler.Owner != settings)
        {
            handler = new EchoContentHandler { Owner = settings };
            settings.ContentHandler = handler;
        }
        handler.Commands.Add(new EchoCommand(op, arguments, d.Name));
        return true;
    }

    public void Complete(ServerConfiguration config, ConfigCompiler compiler) { }
}
