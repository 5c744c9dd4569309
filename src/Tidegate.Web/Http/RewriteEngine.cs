using Tidegate.Web.Hosting;

namespace Tidegate.Web.Http;

public enum RewriteOutcome { Continue, Break, Last, Finished }

/// <summary>
/// Runs a level's rewrite-module steps as ngx_http_rewrite_handler does: in order, stopping at
/// return (Finished), break or a rewrite with "break" (Break), a rewrite with "last" (Last: the
/// caller matches locations again), or a redirect (Finished).
/// </summary>
public static class RewriteEngine
{
    public static async ValueTask<RewriteOutcome> RunAsync(RequestContext ctx, IReadOnlyList<RewriteStep> steps, RequestPipeline pipeline)
    {
        // By index: a foreach over the interface boxes the list's enumerator, an allocation per request.
        for (int i = 0; i < steps.Count; i++)
        {
            var outcome = await RunStepAsync(ctx, steps[i], pipeline);
            if (outcome != RewriteOutcome.Continue) return outcome;
        }
        return RewriteOutcome.Continue;
    }

    private static async ValueTask<RewriteOutcome> RunStepAsync(RequestContext ctx, RewriteStep step, RequestPipeline pipeline)
    {
        switch (step)
        {
            case ReturnStep r:
                await pipeline.ReturnAsync(ctx, r.Action);
                return RewriteOutcome.Finished;
            case BreakStep:
                return RewriteOutcome.Break;
            case SetStep set:
                ctx.UserVariables[set.Name] = set.Value.Evaluate(ctx);
                return RewriteOutcome.Continue;
            case IfStep when_:
                if (!Holds(ctx, when_.Condition)) return RewriteOutcome.Continue;
                if (when_.Scope is { } scope) ctx.Location = scope;
                return await RunAsync(ctx, when_.Body, pipeline);
            case RewriteRuleStep rule:
                return await RewriteAsync(ctx, rule, pipeline);
            case ModuleRewriteStep module:
                if (module.Run(ctx)) return RewriteOutcome.Continue;
                await pipeline.SpecialAsync(ctx, 500);
                return RewriteOutcome.Finished;
        }
        return RewriteOutcome.Continue;
    }

    private static async ValueTask<RewriteOutcome> RewriteAsync(RequestContext ctx, RewriteRuleStep rule, RequestPipeline pipeline)
    {
        var match = rule.Pattern.Match(ctx.Request.Path);
        if (!match.Success) return RewriteOutcome.Continue;
        ctx.Captures = match;
        string target = rule.Replacement.Evaluate(ctx);
        var request = ctx.Request;

        // A '?' in the replacement brings new arguments, and the old ones are appended after them;
        // a '?' ending the replacement stops the old ones from being added (nginx's add_args).
        bool addArgs = !rule.Replacement.Source.EndsWith('?');
        if (!addArgs && target.EndsWith('?')) target = target[..^1];
        string? oldArgs = request.Args;
        int question = target.IndexOf('?');
        bool hasArgs = question >= 0;

        if (rule.IsRedirectUrl || rule.Flag is RewriteFlag.Redirect or RewriteFlag.Permanent)
        {
            string location = target;
            if (addArgs && oldArgs is { Length: > 0 }) location += (hasArgs ? "&" : "?") + oldArgs;
            ctx.Response.Location = location;
            await pipeline.SpecialAsync(ctx, rule.Flag == RewriteFlag.Permanent ? 301 : 302);
            return RewriteOutcome.Finished;
        }

        string? args = oldArgs;
        if (hasArgs)
        {
            string newArgs = target[(question + 1)..];
            target = target[..question];
            args = addArgs && oldArgs is { Length: > 0 } ? newArgs + "&" + oldArgs : newArgs;
        }
        request.Path = target;
        request.Args = args;
        return rule.Flag switch
        {
            RewriteFlag.Last => RewriteOutcome.Last,
            RewriteFlag.Break => RewriteOutcome.Break,
            _ => RewriteOutcome.Continue,
        };
    }

    private static bool Holds(RequestContext ctx, RewriteCondition condition)
    {
        string value = condition.Operand.Evaluate(ctx);
        bool result;
        switch (condition.Kind)
        {
            case ConditionKind.Variable: result = value.Length > 0 && value != "0"; break;
            case ConditionKind.Equal: result = value == condition.Right; break;
            case ConditionKind.NotEqual: result = value != condition.Right; break;
            case ConditionKind.Match:
                var match = condition.Pattern!.Match(value);
                if (match.Success && !condition.Negated) ctx.Captures = match;
                result = match.Success;
                break;
            case ConditionKind.FileExists: result = File.Exists(value); break;
            case ConditionKind.DirectoryExists: result = Directory.Exists(value); break;
            case ConditionKind.Exists: result = File.Exists(value) || Directory.Exists(value); break;
            default:
                result = File.Exists(value) && !OperatingSystem.IsWindows() && (File.GetUnixFileMode(value) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
                break;
        }
        return condition.Negated ? !result : result;
    }
}
