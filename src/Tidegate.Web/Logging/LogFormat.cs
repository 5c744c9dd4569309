using Tidegate.Web.Hosting;

namespace Tidegate.Web.Logging;

/// <summary>A log_format: a name and the concatenated template of its strings (nginx joins them).</summary>
public sealed class LogFormat
{
    public LogFormat(string name, VariableTemplate template, bool escapeJson = false, bool escapeNone = false)
    {
        Name = name;
        Template = template;
        EscapeJson = escapeJson;
        EscapeNone = escapeNone;
    }

    public string Name { get; }
    public VariableTemplate Template { get; }
    public bool EscapeJson { get; }
    public bool EscapeNone { get; }

    /// <summary>nginx's predefined format.</summary>
    public static readonly LogFormat Combined = new("combined", VariableTemplate.Compile(
        "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent \"$http_referer\" \"$http_user_agent\""));
}
