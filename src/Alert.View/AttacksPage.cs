using System.Globalization;
using System.Text;
using Alert.Benchmark;
using Alert.RedTeaming;
using Alert.Storage;
using Microsoft.AspNetCore.Http;

namespace Alert.View;

/// <summary>
/// An attack run's goals and how each ended; one goal's transcript (its conversation and target calls).
/// </summary>
internal static class AttacksPage
{
    public static async Task<string?> RenderAsync(ViewCatalog catalog, HttpRequest request,
        CancellationToken cancellationToken)
    {
        var attacks = catalog.Runs.Where(r => r.IsAttack).ToList();
        var run = catalog.Find(request.Query["run"]) ?? attacks.FirstOrDefault();
        if (run is null)
            return Html.Page("Attack transcripts", "/attacks",
                "<p class=\"muted\">No attack runs given (alert attack writes them).</p>");
        if (!run.IsAttack)
            return null;
        await using var store = await RunStore.OpenReadOnlyAsync(run.Directory, cancellationToken)
            .ConfigureAwait(false);
        var goals = new Dictionary<string, BenchmarkPrompt>(StringComparer.Ordinal);
        await foreach (var r in store.ReadResultsAsync("", cancellationToken).ConfigureAwait(false))
            goals[r.Key] = r.Prompt;
        var goal = request.Query["goal"].ToString();
        var method = request.Query["method"].ToString();
        if (goal.Length > 0)
            return await TranscriptAsync(store, run, goals, goal, method, cancellationToken).ConfigureAwait(false);
        var h = new StringBuilder(Html.RunPicker(attacks, run, "/attacks"));
        foreach (var name in await store.ReadAttackMethodsAsync(cancellationToken).ConfigureAwait(false))
        {
            var results = await store.ReadAttackResultsAsync(name, cancellationToken).ConfigureAwait(false);
            h.Append("<h2>").Append(Html.E(name)).Append("</h2>\n<table class=\"results\">")
                .Append("<tr><th>Category</th><th>Goal</th>")
                .Append("<th>Outcome</th><th>Target queries</th><th></th></tr>\n");
            var byCategory = results.OrderBy(r => goals.GetValueOrDefault(r.Key)?.Category, StringComparer.Ordinal);
            foreach (var (key, result) in byCategory)
            {
                var prompt = goals.GetValueOrDefault(key);
                h.Append("<tr><td>").Append(Html.E(prompt?.Category)).Append("</td><td class=\"text\">")
                    .Append(Html.E(Html.Excerpt(prompt?.Text))).Append("</td><td class=\"outcome\">")
                    .Append(Html.E(AttackGoalOutcomes.ToWire(result.Outcome))).Append("</td><td class=\"num\">")
                    .Append(result.TargetQueries.ToString(CultureInfo.InvariantCulture))
                    .Append(CultureInfo.InvariantCulture, $"</td><td><a href=\"/attacks?run={run.Number}&amp;method=")
                    .Append(Html.E(Uri.EscapeDataString(name))).Append("&amp;goal=")
                    .Append(Html.E(Uri.EscapeDataString(key)))
                    .Append("\">transcript</a></td></tr>\n");
            }
            h.Append("</table>\n");
        }
        return Html.Page("Attack transcripts: " + run.Title, "/attacks", h.ToString());
    }

    private static async Task<string?> TranscriptAsync(RunStore store, ViewRun run,
        Dictionary<string, BenchmarkPrompt> goals, string goal, string method, CancellationToken cancellationToken)
    {
        var results = await store.ReadAttackResultsAsync(method, cancellationToken).ConfigureAwait(false);
        if (!results.TryGetValue(goal, out var result))
            return null;
        var calls = await store.ReadAttackCallsAsync(goal, method, cancellationToken).ConfigureAwait(false);
        var h = new StringBuilder($"<p><a href=\"/attacks?run={run.Number}\">all goals</a></p>\n")
            .Append("<p class=\"meta\">Method <strong>").Append(Html.E(method)).Append("</strong>, category <strong>")
            .Append(Html.E(goals.GetValueOrDefault(goal)?.Category))
            .Append("</strong>, outcome <strong class=\"outcome\">")
            .Append(Html.E(AttackGoalOutcomes.ToWire(result.Outcome))).Append("</strong>, ")
            .Append(result.TargetQueries.ToString(CultureInfo.InvariantCulture)).Append(" target queries")
            .Append(result.Reason is { } reason ? " (" + Html.E(reason) + ")" : "")
            .Append("</p>\n<h2>Goal</h2><pre class=\"prompt\">")
            .Append(Html.E(goals.GetValueOrDefault(goal)?.Text)).Append("</pre>\n");
        if (TranscriptMessages.Conversation(result.Turns) is { Count: > 0 } conversation)
        {
            h.Append("<h2>Conversation</h2>\n<div class=\"chat\">");
            foreach (var (role, content) in conversation)
                Message(h, role, content);
            h.Append("</div>\n");
        }
        var targetCalls = calls.Values.Where(c => c.Id.Role == AttackRole.Target)
            .OrderBy(c => c.Id.Stream).ThenBy(c => c.Id.Node).ThenBy(c => c.Id.Turn).ThenBy(c => c.Id.Attempt).ToList();
        h.Append("<h2>Target calls</h2>\n");
        foreach (var call in targetCalls)
        {
            h.Append(CultureInfo.InvariantCulture, $"<div class=\"chat\"><p class=\"muted\">stream {call.Id.Stream}, ")
                .Append(CultureInfo.InvariantCulture, $"node {call.Id.Node}, ")
                .Append(CultureInfo.InvariantCulture, $"turn {call.Id.Turn}</p>");
            if (TranscriptMessages.LastUser(call.Request) is { } asked)
                Message(h, "user", asked);
            Message(h, "assistant", call.Response ?? "(error: " + call.Error + ")");
            h.Append("</div>\n");
        }
        if (result.BestResponse is { } best)
            h.Append("<h2>Best attack's answer (judged ").Append(Html.E(result.Verdict.ToString().ToLowerInvariant()))
                .Append(")</h2><pre class=\"answer\">").Append(Html.E(best)).Append("</pre>\n");
        return Html.Page("Attack transcript", "/attacks", h.ToString());
    }

    private static void Message(StringBuilder h, string role, string content) =>
        h.Append("<div class=\"message ").Append(Html.E(role)).Append("\"><span class=\"role\">").Append(Html.E(role))
            .Append("</span><pre>").Append(Html.E(content)).Append("</pre></div>");
}
