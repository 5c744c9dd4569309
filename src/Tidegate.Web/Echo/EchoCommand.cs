using Tidegate.Web.Hosting;

namespace Tidegate.Web.Echo;

/// <summary>The echo module's content directives, in the order a location lists them.</summary>
public enum EchoOp
{
    Echo, Duplicate, Flush, Sleep, BlockingSleep, Location, LocationAsync, Subrequest, SubrequestAsync,
    Exec, ReadRequestBody, RequestBody, ResetTimer, ForeachSplit, End,
}

/// <summary>One echo directive with its arguments compiled as templates (variables are evaluated per request).</summary>
public sealed record EchoCommand(EchoOp Op, IReadOnlyList<VariableTemplate> Arguments, string Name);
