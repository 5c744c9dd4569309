using System.Text.RegularExpressions;

namespace Tidegate.Web.Hosting;

/// <summary>
/// ngx_http_rewrite_module's directives at one level (server or location), compiled into the
/// steps nginx runs in order: return, rewrite, set, if, break. Server-level steps run in the
/// server rewrite phase, before the location is found; location-level ones after it. They are
/// never inherited by nested locations, as in nginx.
/// </summary>
public abstract record RewriteStep;

public sealed record ReturnStep(ReturnAction Action) : RewriteStep;

public enum RewriteFlag { None, Last, Break, Redirect, Permanent }

/// <summary>rewrite regex replacement [flag]; a replacement starting with http://, https:// or $scheme redirects.</summary>
public sealed record RewriteRuleStep(Regex Pattern, VariableTemplate Replacement, RewriteFlag Flag, bool IsRedirectUrl) : RewriteStep;

public sealed record SetStep(string Name, VariableTemplate Value) : RewriteStep;

public sealed record IfStep(RewriteCondition Condition, IReadOnlyList<RewriteStep> Body) : RewriteStep
{
    /// <summary>In a location: the block's own configuration, which the request takes when the condition holds.</summary>
    public LocationBlock? Scope { get; set; }
    public Config.ConfigDirective? Directive { get; init; }
}

public sealed record BreakStep : RewriteStep;

/// <summary>A module's step that runs among the rewrite module's (set_by_lua, more_set_input_headers); synchronous, as in nginx.</summary>
public abstract record ModuleRewriteStep : RewriteStep
{
    /// <returns>false when the step failed (already logged): the request gets a 500.</returns>
    public abstract bool Run(Http.RequestContext ctx);
}

/// <summary>return code [text|URL], or return URL (302).</summary>
public sealed record ReturnAction(int Status, VariableTemplate? Text);

public enum ConditionKind { Variable, Equal, NotEqual, Match, NotMatch, FileExists, DirectoryExists, Exists, Executable }

/// <summary>An <c>if</c> condition: a variable's truth, (in)equality, a regex, or a file test (possibly negated).</summary>
public sealed record RewriteCondition(ConditionKind Kind, VariableTemplate Operand, string? Right, Regex? Pattern, bool Negated);
