using System.Text.Json;
using System.Text.Json.Nodes;
using Alert.Labels;
using Microsoft.AspNetCore.Http;

namespace Alert.View;

/// <summary>
/// The two requests that change state: a label (<c>POST /api/labels</c>) and an undo (<c>POST /api/labels/undo</c>),
/// JSON in and out. The gate has already checked their token and origin.
/// </summary>
internal static class LabelApi
{
    public static async Task<IResult> LabelAsync(ViewCatalog catalog, HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await ReadAsync(request, cancellationToken).ConfigureAwait(false);
        var run = catalog.Find(Text(body, "run"));
        var key = Text(body, "key");
        var labeller = Text(body, "labeller")?.Trim();
        if (run?.Labels is null || key is null || string.IsNullOrEmpty(labeller)
            || !LabelNames.TryParseLabel(Text(body, "label"), out var label)
            || !LabelNames.TryParseQueue(Text(body, "queue"), out var queue) || queue == LabelOrigin.Import)
        {
            return Results.BadRequest(
                "expected run, key, label (safe|unsafe|unsure), labeller and queue (audit|uncertain)");
        }
        if (!await run.Labels.LabelAsync(key, label, labeller, queue, cancellationToken).ConfigureAwait(false))
            return Results.NotFound("no answer with that key to label");
        return await ProgressAsync(run, labeller, queue, key, label.ToWire(), cancellationToken).ConfigureAwait(false);
    }

    public static async Task<IResult> UndoAsync(ViewCatalog catalog, HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await ReadAsync(request, cancellationToken).ConfigureAwait(false);
        var run = catalog.Find(Text(body, "run"));
        var labeller = Text(body, "labeller")?.Trim();
        if (run?.Labels is null || string.IsNullOrEmpty(labeller)
            || !LabelNames.TryParseQueue(Text(body, "queue"), out var queue))
            return Results.BadRequest("expected run, labeller and queue");
        var key = await run.Labels.UndoAsync(labeller, cancellationToken).ConfigureAwait(false);
        var mine = await run.Labels.LabelsOfAsync(labeller, cancellationToken).ConfigureAwait(false);
        var now = key is not null && mine.TryGetValue(key, out var label) ? label.ToWire() : null;
        return await ProgressAsync(run, labeller, queue, key, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The answer's label now, and the labeller's progress through the queue.</summary>
    private static async Task<IResult> ProgressAsync(ViewRun run, string labeller, LabelOrigin queue, string? key,
        string? label, CancellationToken cancellationToken)
    {
        var keys = await run.Labels!.QueueAsync(queue, cancellationToken).ConfigureAwait(false);
        var mine = await run.Labels.LabelsOfAsync(labeller, cancellationToken).ConfigureAwait(false);
        var json = new JsonObject
        {
            ["key"] = key,
            ["label"] = label,
            ["labelled"] = keys.Count(mine.ContainsKey),
            ["total"] = keys.Count,
        };
        return Results.Text(json.ToJsonString(), "application/json; charset=utf-8");
    }

    private static async Task<JsonObject?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken).ConfigureAwait(false)
                as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonObject? body, string name) => body?[name] switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<int>(out var n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };
}
